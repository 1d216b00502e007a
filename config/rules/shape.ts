import { problem, type InputRule, type Problem } from './problem';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The app runs without a type check, and the name rules call string methods on these values.
function optionalStringProblems(field: string, value: unknown): Problem[] {
  return value === undefined || typeof value === 'string' ? [] : [problem(field, value, 'must be a string')];
}

function optionalTagsProblems(field: string, value: unknown): Problem[] {
  return value === undefined || isRecord(value)
    ? []
    : [problem(field, value, 'must be an object of tag keys to values, e.g. { Owner: "platform-team" }')];
}

/** The structure the other rules rely on; checked first. */
export const shapeRule: InputRule = (config) => {
  if (!isRecord(config)) return [problem('(configuration)', config, 'the configuration must be an object')];
  const problems: Problem[] = [
    ...optionalStringProblems('stateBucketName', config.stateBucketName),
    ...optionalStringProblems('lockTableName', config.lockTableName),
    ...optionalTagsProblems('tags', config.tags),
  ];
  const environments: unknown = config.environments;
  if (!isRecord(environments) || Object.keys(environments).length === 0) {
    return [
      ...problems,
      problem(
        'environments',
        environments,
        'at least one environment is required, e.g. { dev: { region: "us-east-1" } }',
      ),
    ];
  }
  for (const [name, environment] of Object.entries(environments)) {
    if (!isRecord(environment)) {
      problems.push(
        problem(
          `environments.${name}`,
          environment,
          'each environment must be an object such as { region: "us-east-1" }',
        ),
      );
      continue;
    }
    if (environment.allowedAccountIds !== undefined && !Array.isArray(environment.allowedAccountIds)) {
      problems.push(
        problem(
          `environments.${name}.allowedAccountIds`,
          environment.allowedAccountIds,
          'must be a list of account IDs',
        ),
      );
    }
    problems.push(
      ...optionalStringProblems(`environments.${name}.stateKey`, environment.stateKey),
      ...optionalTagsProblems(`environments.${name}.tags`, environment.tags),
    );
  }
  return problems;
};
