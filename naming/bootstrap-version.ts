/**
 * The bootstrap's version, recorded by the bootstrap and required by every environment.
 *
 * The rule: raise it by one in the same change that alters anything environments rely on in what
 * the bootstrap creates (a resource they use, a name, a permission, a setting of the state storage).
 * Environments synthesized from that change then refuse to plan against an older bootstrap and say
 * to run `npx cdktf deploy bootstrap`. Changes environments do not rely on keep the number.
 *
 * 1: state bucket, lock table (or S3 lockfile rules), optional KMS key, this record.
 * 2: a least-privilege state policy per environment, `<project>-tfstate-<environment>` (what its
 *    backend and its version check may do, in the locking mode), and with `ci` set the GitHub OIDC
 *    provider and a deploy role per environment holding it (docs/iam.md). Environments rely on it
 *    when they run with those policies or roles.
 * (Environments in accounts of their own, with their state roles, came without a raise: such an
 * environment is new, and the record lists it only once a bootstrap that creates its role has run.
 * So did the CI plan roles, the fences, the deploy roles' narrower trust and the CI roles' hop into
 * another account, and the state policies' dropped kms:Encrypt: no environment stack relies on
 * them; the workflows that do fail at their credentials step, before any plan, without them.
 * Nor did the replica, the access logs, the history statements of the state policies and the lock
 * table's Decrypt statement (issue 16): no environment's run relies on any of them; only
 * `npm run state` through a state role does, and it says what it was refused.)
 */
export const BOOTSTRAP_VERSION = 2;

/** What the bootstrap records (as JSON) and environments read back. */
export interface BootstrapRecord {
  readonly version: number;
  /** The environments it was deployed for. */
  readonly environments: readonly string[];
}

/** The SSM path the project's bootstrap record lives under, like AWS CDK's `/cdk-bootstrap/<qualifier>`. */
export function bootstrapParameterPath(project: string): string {
  return `/tfstate-bootstrap/${project}`;
}

/** The SSM parameter holding the record, in the state region (and the state account). */
export function bootstrapParameterName(project: string): string {
  return `${bootstrapParameterPath(project)}/version`;
}
