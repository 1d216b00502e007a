import { problem, type InputRule, type Problem } from './problem';

function accountIdProblems(field: string, value: unknown): Problem[] {
  if (typeof value === 'string' && /^\d{12}$/.test(value)) return [];
  return [problem(field, value, 'an AWS account ID is exactly 12 digits, written as a string (keep leading zeros)')];
}

export const accountIdRule: InputRule = (config) => {
  const problems: Problem[] = [];
  if (config.accountId !== undefined) problems.push(...accountIdProblems('accountId', config.accountId));
  if (config.accountId === undefined && config.stateBucketName === undefined) {
    problems.push(
      problem(
        'accountId',
        undefined,
        'set accountId (it makes the default state bucket name globally unique) or give an explicit stateBucketName',
      ),
    );
  }
  for (const [name, environment] of Object.entries(config.environments)) {
    const ids = environment.allowedAccountIds;
    if (ids === undefined) continue;
    if (ids.length === 0) {
      problems.push(
        problem(
          `environments.${name}.allowedAccountIds`,
          ids,
          'an empty list would allow no account; leave the field out to allow any account',
        ),
      );
    }
    ids.forEach((id, index) =>
      problems.push(...accountIdProblems(`environments.${name}.allowedAccountIds[${index}]`, id)),
    );
  }
  return problems;
};
