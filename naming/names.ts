import * as path from 'node:path';
import { BOOTSTRAP_STACK } from '../config/stack-names';
import type { ProjectConfig } from '../config/types';

/**
 * Every name the bootstrap creates and the environments' backends point at.
 * One module derives them all because a Terraform backend block cannot
 * reference resources: both sides must compute the same strings.
 */
export interface ProjectNames {
  readonly stateBucket: string;
  readonly lockTable: string;
  /** KMS alias of the customer-managed state key (used only in that mode). */
  readonly stateKeyAlias: string;
  /** The replica of the state bucket in `stateReplicaRegion`; only with a replica. */
  readonly replicaBucket?: string;
  /** KMS alias of the replica bucket's key, in the replica region (used only with a replica). */
  readonly replicaKeyAlias: string;
  /** The bucket receiving the state bucket's server access logs; only with `stateAccessLogs: true`. */
  readonly accessLogBucket?: string;
  readonly environments: Readonly<Record<string, EnvironmentStateNames>>;
  /** The bootstrap's own state in the bucket (used with `bootstrapState: 's3'`). */
  readonly bootstrapState: EnvironmentStateNames;
}

export interface EnvironmentStateNames {
  /** S3 key of the environment's state object. */
  readonly stateKey: string;
  /** DynamoDB `LockID` of the lock item Terraform writes while it holds the lock. */
  readonly lockId: string;
  /** DynamoDB `LockID` of the item holding the MD5 digest of the state (not a lock). */
  readonly digestId: string;
  /** S3 key of the lock object written in `s3` and `dynamodb+s3` locking modes. */
  readonly lockfileKey: string;
}

export const BOOTSTRAP_STATE_FILE = 'terraform.bootstrap.tfstate';

/** Account ID and region make the default name globally unique in practice. */
export function stateBucketName(config: ProjectConfig): string {
  if (config.stateBucketName !== undefined) return config.stateBucketName;
  if (config.accountId === undefined) {
    // validateConfig reports this to the user; reaching here is a programming error.
    throw new Error('stateBucketName: needs accountId or an explicit stateBucketName');
  }
  return `${config.project}-tfstate-${config.accountId}-${config.stateRegion}`;
}

/** Where the bootstrap keeps its own state in the bucket; no environment may use it. */
export const BOOTSTRAP_STATE_KEY = `${BOOTSTRAP_STACK}/terraform.tfstate`;

export function defaultStateKey(environment: string): string {
  return `${environment}/terraform.tfstate`;
}

/** The names Terraform's S3 backend derives from a bucket and key. */
export function environmentStateNames(bucket: string, stateKey: string): EnvironmentStateNames {
  return {
    stateKey,
    lockId: `${bucket}/${stateKey}`,
    digestId: `${bucket}/${stateKey}-md5`,
    lockfileKey: `${stateKey}.tflock`,
  };
}

/**
 * Beside an explicit state bucket name, `<name>-replica`; otherwise the default scheme in the replica
 * region, so the pair reads as one: `<project>-tfstate-<accountId>-<stateReplicaRegion>`.
 */
export function replicaBucketName(config: ProjectConfig, stateBucket: string): string | undefined {
  if (config.stateReplicaRegion === undefined) return undefined;
  if (config.stateBucketName !== undefined || config.accountId === undefined) return `${stateBucket}-replica`;
  return `${config.project}-tfstate-${config.accountId}-${config.stateReplicaRegion}`;
}

/** Beside an explicit state bucket name, `<name>-logs`; otherwise `<project>-tfstate-logs-<accountId>-<stateRegion>`. */
export function accessLogBucketName(config: ProjectConfig, stateBucket: string): string | undefined {
  if (config.stateAccessLogs !== true) return undefined;
  if (config.stateBucketName !== undefined || config.accountId === undefined) return `${stateBucket}-logs`;
  return `${config.project}-tfstate-logs-${config.accountId}-${config.stateRegion}`;
}

export function deriveNames(config: ProjectConfig): ProjectNames {
  const stateBucket = stateBucketName(config);
  const replicaBucket = replicaBucketName(config, stateBucket);
  const accessLogBucket = accessLogBucketName(config, stateBucket);
  const environments: Record<string, EnvironmentStateNames> = {};
  for (const [name, environment] of Object.entries(config.environments)) {
    environments[name] = environmentStateNames(stateBucket, environment.stateKey ?? defaultStateKey(name));
  }
  return {
    stateBucket,
    lockTable: config.lockTableName ?? `${config.project}-tfstate-lock`,
    stateKeyAlias: `alias/${config.project}-tfstate`,
    ...(replicaBucket !== undefined && { replicaBucket }),
    replicaKeyAlias: `alias/${config.project}-tfstate-replica`,
    ...(accessLogBucket !== undefined && { accessLogBucket }),
    environments,
    bootstrapState: environmentStateNames(stateBucket, BOOTSTRAP_STATE_KEY),
  };
}

/**
 * Path of the bootstrap's local state as Terraform must be told it: relative to the stack's
 * directory (`<outdir>/stacks/bootstrap`), so it lands at the project root, outside the
 * synth output that a fresh synth may wipe, and the synthesized JSON holds no machine paths.
 */
export function bootstrapStatePath(outdir: string, projectRoot: string, stateFile = BOOTSTRAP_STATE_FILE): string {
  const stackDirectory = path.resolve(projectRoot, outdir, 'stacks', BOOTSTRAP_STACK);
  return path.relative(stackDirectory, path.resolve(projectRoot, stateFile));
}

/** AWS completes the name with a unique suffix; a prefix may be at most 37 characters. */
export function applicationBucketPrefix(project: string, environment: string): string {
  return `${project}-${environment}-app-`.slice(0, 37);
}
