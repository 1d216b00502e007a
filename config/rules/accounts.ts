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

/**
 * The backend's assume_role (the state role) and the provider's (deployRoleArn) each start from the
 * credentials Terraform runs with. So the state role must trust whoever runs Terraform, never the
 * role the provider assumes: either the runner is not that role (and the state role refuses it), or
 * it is (and the provider's AssumeRole into itself is refused unless its own trust names it).
 */
function ownDeployRoleProblems(field: string, principals: unknown, deployRoleArn: unknown): Problem[] {
  if (!Array.isArray(principals) || typeof deployRoleArn !== 'string') return [];
  return principals.flatMap((principal: unknown, index) =>
    principal === deployRoleArn
      ? [
          problem(
            `${field}[${index}]`,
            principal,
            "is the environment's own deployRoleArn, the role Terraform's provider assumes. The backend (assuming the state role) and the provider (assuming deployRoleArn) each start from the credentials Terraform runs with, so name those: a person's role, a CI role; and let deployRoleArn's trust policy admit the same identities. If that role is what runs Terraform, leave deployRoleArn out: a role cannot assume itself unless its own trust policy names it (docs/multi-account.md#the-trust-chain)",
          ),
        ]
      : [],
  );
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
    problems.push(
      ...ownDeployRoleProblems(
        `${field}.stateAccessPrincipals`,
        environment.stateAccessPrincipals,
        environment.deployRoleArn,
      ),
    );
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
          `the environment is in account ${account}, its state in ${stateAccount ?? ''}: name who runs Terraform for it (a person's role, a CI role; not its deployRoleArn), who may then assume its state role there, e.g. ["arn:aws:iam::${account}:role/platform-engineer"] (docs/multi-account.md#the-trust-chain)`,
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
