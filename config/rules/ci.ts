import { problem, type InputRule, type Problem } from './problem';

// GitHub: an owner (user or organization) is 1-39 letters, digits or hyphens, not starting with a
// hyphen; a repository name is 1-100 letters, digits, dots, hyphens or underscores.
const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;
const PARTITION = 'aws(?:-[a-z]+)*';
const OIDC_PROVIDER_ARN = new RegExp(
  `^arn:${PARTITION}:iam::(\\d{12}):oidc-provider/token\\.actions\\.githubusercontent\\.com$`,
);
// A customer managed policy (in an account) or an AWS managed one ("aws"), with an optional path.
const POLICY_ARN = new RegExp(`^arn:${PARTITION}:iam::(?:\\d{12}|aws):policy/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,128}$`);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function repositoryProblems(value: unknown): Problem[] {
  if (typeof value === 'string' && REPOSITORY.test(value) && !/\/\.{1,2}$/.test(value)) return [];
  return [
    problem(
      'ci.github.repository',
      value,
      'must be a GitHub repository as "owner/name", e.g. "acme/platform" (letters, digits and hyphens in the owner; letters, digits, ".", "-" and "_" in the name)',
    ),
  ];
}

function oidcProviderProblems(value: unknown, accountId: string | undefined): Problem[] {
  if (value === undefined) return [];
  const field = 'ci.github.oidcProviderArn';
  const match = typeof value === 'string' ? OIDC_PROVIDER_ARN.exec(value) : null;
  if (match === null) {
    return [
      problem(
        field,
        value,
        'must be the ARN of the account\'s GitHub OIDC identity provider, "arn:aws:iam::<account ID>:oidc-provider/token.actions.githubusercontent.com"; leave it out and the bootstrap creates the provider',
      ),
    ];
  }
  if (accountId !== undefined && match[1] !== accountId) {
    return [
      problem(
        field,
        value,
        `must be in account ${accountId} (accountId): a role trusts only identity providers of its own account`,
      ),
    ];
  }
  return [];
}

function protectedProblems(value: unknown, environments: readonly string[]): Problem[] {
  const field = 'ci.github.protectedEnvironments';
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [problem(field, value, 'must be a list of environment names, e.g. ["prod"]')];
  return value.flatMap((name: unknown, index) =>
    typeof name === 'string' && environments.includes(name)
      ? []
      : [
          problem(
            `${field}[${index}]`,
            name,
            `must be a configured environment (${environments.join(', ')}): a protected role for no environment protects nothing`,
          ),
        ],
  );
}

function policyArnProblems(field: string, arn: unknown, accountId: string | undefined): Problem[] {
  if (typeof arn !== 'string' || !POLICY_ARN.test(arn)) {
    return [
      problem(
        field,
        arn,
        'must be an IAM managed policy ARN, "arn:aws:iam::<account ID>:policy/<name>" or "arn:aws:iam::aws:policy/<name>"',
      ),
    ];
  }
  const account = arn.split(':')[4];
  if (accountId !== undefined && account !== 'aws' && account !== accountId) {
    return [
      problem(
        field,
        arn,
        `must be a policy of account ${accountId} (accountId, where the CI roles are) or an AWS managed policy: IAM attaches no other`,
      ),
    ];
  }
  return [];
}

function policyListProblems(
  field: string,
  value: unknown,
  environments: readonly string[],
  accountId: string | undefined,
): Problem[] {
  if (value === undefined) return [];
  if (!isRecord(value)) {
    return [
      problem(
        field,
        value,
        'must map environment names to lists of IAM policy ARNs, e.g. { dev: ["arn:aws:iam::123456789012:policy/dev-deploy"] }',
      ),
    ];
  }
  return Object.entries(value).flatMap(([environment, arns]): Problem[] => {
    if (!environments.includes(environment)) {
      return [
        problem(
          `${field}.${environment}`,
          arns,
          `"${environment}" is not a configured environment (${environments.join(', ')})`,
        ),
      ];
    }
    if (!Array.isArray(arns)) return [problem(`${field}.${environment}`, arns, 'must be a list of IAM policy ARNs')];
    return arns.flatMap((arn: unknown, index) =>
      policyArnProblems(`${field}.${environment}[${index}]`, arn, accountId),
    );
  });
}

// A branch name as git allows it (check-ref-format), without the characters IAM conditions read
// as wildcards: the plan roles' trust compares it exactly.
const BRANCH = /^(?!\/|.*\/$|.*\/\/|.*\.\.|.*@\{|.*\.lock$|-)[A-Za-z0-9._/-]{1,255}$/;

function defaultBranchProblems(value: unknown): Problem[] {
  if (value === undefined || (typeof value === 'string' && BRANCH.test(value))) return [];
  return [
    problem(
      'ci.github.defaultBranch',
      value,
      'must be a branch name, e.g. "main" (letters, digits, ".", "_", "-" and "/"; no wildcards): the plan roles trust the drift check that runs on it',
    ),
  ];
}

/** The workflows read the roles' ARNs from the configuration (npm run ci:environments): they name the state account. */
function stateAccountProblems(accountId: unknown): Problem[] {
  if (accountId !== undefined) return [];
  return [
    problem(
      'accountId',
      undefined,
      "with ci, set accountId (the state account, where the CI roles are): the workflows take the roles' ARNs from the configuration",
    ),
  ];
}

/**
 * The CI roles live in the state account. An environment in another account is reached only through
 * its deploy role there, which the CI role may assume (docs/multi-account.md#ci-in-every-account).
 */
function crossAccountProblems(config: Parameters<InputRule>[0]): Problem[] {
  return Object.entries(config.environments).flatMap(([name, environment]): Problem[] => {
    const account: unknown = environment.accountId;
    if (typeof account !== 'string' || account === config.accountId || environment.deployRoleArn !== undefined) {
      return [];
    }
    return [
      problem(
        `environments.${name}.deployRoleArn`,
        undefined,
        `with ci, an environment in another account (${account}) needs a role there for Terraform's provider: the CI roles are in the state account and reach account ${account} only by assuming it (docs/multi-account.md#ci-in-every-account)`,
      ),
    ];
  });
}

/** The optional `ci` block: the repository that may deploy, and what its roles hold. */
export const ciRule: InputRule = (config) => {
  const ci: unknown = config.ci;
  if (ci === undefined) return [];
  if (!isRecord(ci) || !isRecord(ci.github)) {
    return [problem('ci', ci, 'must be { github: { repository: "owner/name" } }, or left out for no CI roles')];
  }
  const github = ci.github;
  const environments = Object.keys(config.environments);
  const stateAccount = typeof config.accountId === 'string' ? config.accountId : undefined;
  return [
    ...repositoryProblems(github.repository),
    ...oidcProviderProblems(github.oidcProviderArn, config.accountId),
    ...protectedProblems(github.protectedEnvironments, environments),
    ...policyListProblems('ci.github.workloadPolicyArns', github.workloadPolicyArns, environments, stateAccount),
    ...policyListProblems('ci.github.planPolicyArns', github.planPolicyArns, environments, stateAccount),
    ...defaultBranchProblems(github.defaultBranch),
    ...stateAccountProblems(config.accountId),
    ...crossAccountProblems(config),
  ];
};
