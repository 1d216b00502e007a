/**
 * The shape of the project's one configuration file (`config/project.ts`).
 * Everything the stacks need is derived from a value of this type.
 */

/** Which state lock Terraform takes. See docs/locking-modes.md. */
export type LockingMode = 'dynamodb' | 'dynamodb+s3' | 's3';

/** Where the bootstrap keeps its own state. See docs/bootstrap-state.md. */
export type BootstrapStateLocation =
  /** `terraform.bootstrap.tfstate` at the project root, committed with the code. */
  | 'local'
  /** `bootstrap/terraform.tfstate` in the state bucket it created, locked like the environments. */
  | 's3';

/** Which KMS key encrypts the state bucket. */
export type StateEncryption =
  /** SSE-KMS with the AWS-managed `aws/s3` key: no key to manage or pay for. */
  | 'aws-managed'
  /** SSE-KMS with a customer-managed key (rotation on), created by the bootstrap. */
  | 'customer-managed';

export interface EnvironmentConfig {
  /** AWS region of the environment's resources, e.g. `eu-west-1`. */
  readonly region: string;
  /** Accounts this environment may be deployed to; Terraform refuses any other. */
  readonly allowedAccountIds?: readonly string[];
  /**
   * The account of this environment's resources, when it is not the state account (`accountId`).
   * Terraform then refuses any other account for them (unless allowedAccountIds says otherwise) and
   * reaches the state through a role the bootstrap creates in the state account. See docs/multi-account.md.
   */
  readonly accountId?: string;
  /** A role in the environment's account that Terraform assumes to deploy its resources (the provider's assume_role). */
  readonly deployRoleArn?: string;
  /**
   * Who may assume this environment's state role in the state account: IAM role, user or account
   * root ARNs. Required for an environment in another account (with `ci`, its deploy role is added).
   */
  readonly stateAccessPrincipals?: readonly string[];
  /** Tags added to every resource of the environment (on top of the project's). */
  readonly tags?: Readonly<Record<string, string>>;
  /** State object key; default `<environment>/terraform.tfstate`. */
  readonly stateKey?: string;
  /**
   * The workloads this environment deploys, in order: file names in `workloads/` without `.ts`.
   * Default `['app-bucket']`, the example (what every environment deployed before workloads
   * existed); `[]` for none. See README "Add your infrastructure".
   */
  readonly workloads?: readonly string[];
}

export interface ProjectConfig {
  /** Short project name; the prefix of every derived name. */
  readonly project: string;
  /** Region of the state bucket and lock table. */
  readonly stateRegion: string;
  /**
   * The AWS account that holds the state. Makes the default bucket name globally
   * unique and stops the bootstrap from running against any other account.
   */
  readonly accountId?: string;
  /**
   * A role in the state account that Terraform assumes to deploy the bootstrap, and the tools to
   * reach the state storage; default: your credentials act there directly. See docs/multi-account.md.
   */
  readonly deployRoleArn?: string;
  /** Explicit state bucket name; default `<project>-tfstate-<accountId>-<stateRegion>`. */
  readonly stateBucketName?: string;
  /** Explicit lock table name; default `<project>-tfstate-lock`. */
  readonly lockTableName?: string;
  /** Default `aws-managed`. */
  readonly stateEncryption?: StateEncryption;
  /** Days a replaced state version is kept before it expires; default 90. */
  readonly noncurrentVersionRetentionDays?: number;
  /** Default `dynamodb`. Every machine must use the same mode: that is why it lives here. */
  readonly locking?: LockingMode;
  /**
   * Only with `locking: 's3'`: the bootstrap stops managing the lock table without deleting it
   * (a Terraform `removed` block with `destroy = false`); delete it by hand afterwards if you
   * want it gone. Default false: the table stays managed in every mode. See docs/retiring-the-lock-table.md.
   */
  readonly retireLockTable?: boolean;
  /**
   * Default `local`. Deploy once with `local` (the bucket must exist first), then switch with
   * `npx cdktf deploy bootstrap --migrate-state`, either way.
   */
  readonly bootstrapState?: BootstrapStateLocation;
  /**
   * A second region where the bootstrap keeps a replica of the state bucket (every version of every
   * state, copied by S3 replication), for when the primary's versions are gone. Default: none.
   * See docs/recover-a-state.md.
   */
  readonly stateReplicaRegion?: string;
  /** Server access logs of the state bucket, in a log bucket the bootstrap creates. Default false. */
  readonly stateAccessLogs?: boolean;
  /** Days an access log object is kept (only with `stateAccessLogs: true`); default 365. */
  readonly accessLogRetentionDays?: number;
  /** Tags added to every resource of every stack. */
  readonly tags?: Readonly<Record<string, string>>;
  /** CI roles, a plan role and a deploy role per environment; none by default. See docs/iam.md. */
  readonly ci?: CiConfig;
  /** One entry per environment; each becomes a stack of the same name. */
  readonly environments: Readonly<Record<string, EnvironmentConfig>>;
}

/** What the bootstrap creates for CI to deploy the environments. See docs/iam.md. */
export interface CiConfig {
  readonly github: GitHubCiConfig;
}

/** GitHub Actions, through its OIDC tokens: no stored AWS keys. */
export interface GitHubCiConfig {
  /** `owner/name`, spelled as GitHub spells it (IAM compares it case-sensitively). */
  readonly repository: string;
  /**
   * The account's GitHub OIDC identity provider, if it has one already (an account holds at most
   * one per URL): `arn:aws:iam::<accountId>:oidc-provider/token.actions.githubusercontent.com`.
   * Default: the bootstrap creates it.
   */
  readonly oidcProviderArn?: string;
  /**
   * Environments whose GitHub environment has required reviewers: the deploy workflow deploys them
   * after the others, each behind its reviewers. Every deploy role, protected or not, trusts only a
   * job in the GitHub environment of its name. See docs/pipeline.md.
   */
  readonly protectedEnvironments?: readonly string[];
  /**
   * Managed policy ARNs each environment's deploy role holds besides its state policy, by environment.
   * Default none: the role can then read and write its state, and deploy nothing else.
   */
  readonly workloadPolicyArns?: Readonly<Record<string, readonly string[]>>;
  /**
   * Managed policy ARNs each environment's plan role holds besides its plan policy, by environment:
   * read access to what the environment deploys, for pull-request plans and the drift check.
   * Default none. docs/iam.md says which AWS managed policies read without reading data.
   */
  readonly planPolicyArns?: Readonly<Record<string, readonly string[]>>;
  /**
   * The branch the drift check runs on (a scheduled workflow's token names it); the plan roles
   * trust it besides pull requests. Default `main`.
   */
  readonly defaultBranch?: string;
}
