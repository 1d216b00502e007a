import { BOOTSTRAP_STACK } from '../../config/stack-names';
import { backendSettings, stateBackendSettings, type BackendSettings } from '../../naming/backend-settings';
import { environmentNames, requireEnvironment } from '../../naming/environments';
import type { EnvironmentStateNames } from '../../naming/names';
import type { ValidProject } from '../../naming/project';
import { UsageError } from '../cli/usage';

/** Where Terraform can hold an environment's lock: an item in the lock table, an object in the bucket. */
export type LockMechanism = 'dynamodb' | 's3';

/** Everything the lock tool reads or writes for one environment, under the names Terraform uses. */
export interface EnvironmentLockTarget {
  readonly environment: string;
  /** The mechanisms this environment's backend takes, in the order Terraform checks them. */
  readonly mechanisms: readonly LockMechanism[];
  /** S3 key of the state object. */
  readonly stateKey: string;
  /** `LockID` of the DynamoDB lock item. */
  readonly lockItemId: string;
  /** `LockID` of the DynamoDB digest item: not a lock, never deleted by unlock. */
  readonly digestItemId: string;
  /** S3 key of the `.tflock` object. */
  readonly lockfileKey: string;
}

/** The locks a backend block takes, in the order Terraform takes them. */
function mechanismsOf(settings: BackendSettings): LockMechanism[] {
  const mechanisms: LockMechanism[] = [];
  if (settings.dynamodb_table !== undefined) mechanisms.push('dynamodb');
  if (settings.use_lockfile === true) mechanisms.push('s3');
  return mechanisms;
}

/**
 * One state's target: the mechanisms come from the same backend settings the stacks synthesize, so
 * the tool checks exactly what Terraform takes, whatever the locking mode.
 */
function targetOf(name: string, settings: BackendSettings, names: EnvironmentStateNames): EnvironmentLockTarget {
  return {
    environment: name,
    mechanisms: mechanismsOf(settings),
    stateKey: names.stateKey,
    lockItemId: names.lockId,
    digestItemId: names.digestId,
    lockfileKey: names.lockfileKey,
  };
}

/** An environment's target. */
export function lockTarget(project: ValidProject, environment: string): EnvironmentLockTarget {
  const { names } = requireEnvironment(project, environment);
  return targetOf(environment, backendSettings(project, environment), names);
}

/**
 * The bootstrap's own state, when it lives in the bucket (`bootstrapState: 's3'`): locked like an
 * environment's, under the stack's name. Undefined with a local bootstrap state (no lock to hold).
 */
export function bootstrapLockTarget(project: ValidProject): EnvironmentLockTarget | undefined {
  if (project.config.bootstrapState !== 's3') return undefined;
  const names = project.names.bootstrapState;
  return targetOf(BOOTSTRAP_STACK, stateBackendSettings(project, names), names);
}

/**
 * The operating tools' target by name: an environment, or `bootstrap` when the bootstrap's state is
 * in the bucket (a `cdktf deploy bootstrap` that crashed leaves its lock there like any other, and
 * its versions are kept like any other state's).
 */
export function namedLockTarget(project: ValidProject, name: string): EnvironmentLockTarget {
  // No environment is called that: the configuration refuses the name.
  if (name !== BOOTSTRAP_STACK) return lockTarget(project, name);
  const bootstrap = bootstrapLockTarget(project);
  if (bootstrap !== undefined) return bootstrap;
  throw new UsageError(
    `${BOOTSTRAP_STACK}'s state is a local file (bootstrapState: 'local'), not in the bucket: no lock or ` +
      'version of it is there (the local backend locks it only while a terraform process runs). Environments: ' +
      environmentNames(project).join(', '),
  );
}

/**
 * Every environment's target in the configuration's order, then the bootstrap's when its state is in
 * the bucket; or just the named one.
 */
export function lockTargets(project: ValidProject, name?: string): EnvironmentLockTarget[] {
  if (name !== undefined) return [namedLockTarget(project, name)];
  const bootstrap = bootstrapLockTarget(project);
  return [
    ...environmentNames(project).map((environment) => lockTarget(project, environment)),
    ...(bootstrap === undefined ? [] : [bootstrap]),
  ];
}

/** The digest exists only where Terraform uses the lock table. */
export function usesDigest(target: EnvironmentLockTarget): boolean {
  return target.mechanisms.includes('dynamodb');
}

export const MECHANISM_LABELS: Readonly<Record<LockMechanism, string>> = {
  dynamodb: 'DynamoDB item',
  s3: '.tflock object',
};
