import { problem, type InputRule, type Problem } from './problem';

const PARTITION = 'aws(?:-[a-z]+)*';
// IAM role names: up to 64 of letters, digits and +=,.@_- ; paths: /segments/ of the same.
const ROLE_ARN = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$`);
// A principal a trust policy may name: a role, a user, or an account's root.
const PRINCIPAL_ARN = new RegExp(
  `^arn:${PARTITION}:iam::(\\d{12}):(?:role|user)/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$|^arn:${PARTITION}:iam::(\\d{12}):root$`,
);

function deployRoleProblems(field: string, value: unknown, account: string | undefined): Problem[] {
  if (value === undefined) return [];
  const match = typeof value === 'string' ? ROLE_ARN.exec(value) : null;
  if (match === null) {
    return [problem(field, value, 'must be an IAM role ARN, e.g. "arn:aws:iam::222222222222:role/terraform-deploy"')];
  }
  if (account !== undefined && match[1] !== account) {
    return [
      problem(
        field,
        value,
        `names account ${match[1] ?? ''}, but the environment's resources are in account ${account}: Terraform deploys into the account of the role it assumes`,
      ),
    ];
  }
  return [];
}

function principalsProblems(field: string, value: unknown): Problem[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length === 0) {
    return [
      problem(
        field,
        value,
        'must be a non-empty list of IAM principal ARNs (role, user or account root), e.g. ["arn:aws:iam::222222222222:role/terraform-deploy"]',
      ),
    ];
  }
  return value.flatMap((principal: unknown, index) =>
    typeof principal === 'string' && PRINCIPAL_ARN.test(principal)
      ? []
      : [
          problem(
            `${field}[${index}]`,
            principal,
            'must be the ARN of an IAM role, an IAM user or an account root ("arn:aws:iam::<account ID>:root")',
          ),
        ],
  );
}

/**
 * Environments in accounts of their own (docs/multi-account.md): well-formed accounts and role ARNs in
 * the accounts they claim, and, for an environment outside the state account, who may reach its state.
 */
export const accountsRule: InputRule = (config) => {
  const problems: Problem[] = [];
  const stateAccount = typeof config.accountId === 'string' ? config.accountId : undefined;
  problems.push(...deployRoleProblems('deployRoleArn', config.deployRoleArn, stateAccount));
  for (const [name, environment] of Object.entries(config.environments)) {
    const field = `environments.${name}`;
    const account: unknown = environment.accountId;
    if (account !== undefined && (typeof account !== 'string' || !/^\d{12}$/.test(account))) {
      problems.push(
        problem(
          `${field}.accountId`,
          account,
          'an AWS account ID is exactly 12 digits, written as a string (keep leading zeros)',
        ),
      );
      continue;
    }
    const own = typeof account === 'string' ? account : stateAccount;
    problems.push(...deployRoleProblems(`${field}.deployRoleArn`, environment.deployRoleArn, own));
    problems.push(...principalsProblems(`${field}.stateAccessPrincipals`, environment.stateAccessPrincipals));
    const elsewhere = typeof account === 'string' && account !== stateAccount;
    if (elsewhere && stateAccount === undefined) {
      problems.push(
        problem(
          `${field}.accountId`,
          account,
          'an environment in an account of its own needs the state account: set accountId (the account that holds the state)',
        ),
      );
    } else if (elsewhere && environment.stateAccessPrincipals === undefined) {
      problems.push(
        problem(
          `${field}.stateAccessPrincipals`,
          undefined,
          `the environment is in account ${account}, its state in ${stateAccount ?? ''}: name who may assume its state role there, e.g. ["arn:aws:iam::${account}:role/terraform-deploy"]`,
        ),
      );
    } else if (!elsewhere && environment.stateAccessPrincipals !== undefined) {
      problems.push(
        problem(
          `${field}.stateAccessPrincipals`,
          environment.stateAccessPrincipals,
          'only for an environment in another account than the state (set its accountId); in the state account, attach its state policy instead (docs/iam.md)',
        ),
      );
    }
    const allowed = environment.allowedAccountIds;
    if (typeof account === 'string' && Array.isArray(allowed) && !allowed.includes(account)) {
      problems.push(
        problem(
          `${field}.allowedAccountIds`,
          allowed,
          `must include the environment's accountId ${account}, or Terraform refuses every run`,
        ),
      );
    }
  }
  return problems;
};
