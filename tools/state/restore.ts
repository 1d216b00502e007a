import { stateKmsKeyId } from '../../naming/backend-settings';
import { ToolError } from '../cli/errors';
import { UsageError } from '../cli/usage';
import { md5Hex } from '../locks/digest';
import { readLockStatus, type HeldLock } from '../locks/lock-status';
import { namedLockTarget, usesDigest, type EnvironmentLockTarget, type LockMechanism } from '../locks/lock-targets';
import { executeUnlockPlan, planUnlock } from '../locks/unlock';
import type { OperatingContext } from '../ops/context';
import type { LockInfo } from '../terraform/lock-info';
import { parseState, withSerial, type StateSummary } from '../terraform/state-file';
import { readEntries, replicaSource, type HistoryEntry } from './history';
import type { StateStore, StateVersion, StateVersionSource } from './state-store';

export interface RestoreOptions {
  readonly environment: string;
  readonly versionId: string;
  readonly dryRun?: boolean;
  /** Also a version of another lineage. */
  readonly force?: boolean;
  /** Take the version from the replica bucket. */
  readonly fromReplica?: boolean;
}

/** What the environment's state is now, in the state bucket. */
export type CurrentState =
  | { readonly kind: 'state'; readonly version: StateVersion; readonly state: StateSummary | undefined }
  /** A delete marker is current; `previous` is the newest version under it that holds a state. */
  | { readonly kind: 'deleted'; readonly marker: StateVersion; readonly previous: StateSummary | undefined }
  | { readonly kind: 'none' };

/** Everything a restore would do, decided before anything is written. */
export interface RestorePlan {
  readonly environment: string;
  readonly stateKey: string;
  readonly fromReplica: boolean;
  /** The version brought back. */
  readonly version: StateVersion;
  readonly restored: StateSummary;
  readonly current: CurrentState;
  /** The current state's serial (none when it is deleted or absent). */
  readonly serialFrom: number | undefined;
  /** Above every version's serial in the state bucket, and above the restored one's. */
  readonly serialTo: number;
  /** The lineage the restored one is compared with: the current state's, or the deleted one's. */
  readonly comparedLineage: string | undefined;
  readonly lineageDiffers: boolean;
  /** Resource addresses the restored state has and the current one has not, and the reverse. */
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** The lock mechanisms taken, in the order Terraform takes them. */
  readonly mechanisms: readonly LockMechanism[];
  /** Whether the `-md5` digest is written (the modes with a lock table). */
  readonly writesDigest: boolean;
}

export type RestoreResult =
  | { readonly kind: 'dry-run'; readonly plan: RestorePlan; readonly heldBy: readonly HeldLock[] }
  | { readonly kind: 'refused'; readonly reason: string; readonly plan?: RestorePlan }
  | {
      readonly kind: 'restored';
      readonly plan: RestorePlan;
      readonly newVersionId: string | undefined;
      readonly digest: { readonly value: string; readonly written: boolean } | undefined;
      readonly lockId: string;
      /** `undefined` when the lock was released; otherwise what is still held and why. */
      readonly lockLeft: string | undefined;
    };

/** Terraform takes the .tflock object first, then the lock item (both in dynamodb+s3 mode). */
const TAKE_ORDER: readonly LockMechanism[] = ['s3', 'dynamodb'];

function sorted(items: Iterable<string>): string[] {
  return [...items].sort();
}

/** Pure: the plan from what was read, or the reason to refuse. */
export function planRestore(input: {
  readonly target: EnvironmentLockTarget;
  readonly fromReplica: boolean;
  readonly version: StateVersion;
  readonly restored: StateSummary;
  /** Every version of the state object in the state bucket, read. */
  readonly primary: readonly HistoryEntry[];
  readonly force: boolean;
}): { readonly plan: RestorePlan } | { readonly refuse: string; readonly plan: RestorePlan } {
  const { target, restored, primary } = input;
  const latest = primary.find((entry) => entry.version.latest);
  const newestState = primary.find((entry) => !entry.version.deleteMarker && entry.state !== undefined)?.state;
  let current: CurrentState;
  if (latest === undefined) current = { kind: 'none' };
  else if (latest.version.deleteMarker) current = { kind: 'deleted', marker: latest.version, previous: newestState };
  else current = { kind: 'state', version: latest.version, state: latest.state };

  const serials = [
    restored.serial,
    ...primary.flatMap((entry) => (entry.state === undefined ? [] : [entry.state.serial])),
  ];
  const currentState = current.kind === 'state' ? current.state : undefined;
  const compared =
    current.kind === 'state'
      ? current.state?.lineage
      : current.kind === 'deleted'
        ? current.previous?.lineage
        : undefined;
  const before = new Set(currentState?.addresses ?? []);
  const after = new Set(restored.addresses);
  const plan: RestorePlan = {
    environment: target.environment,
    stateKey: target.stateKey,
    fromReplica: input.fromReplica,
    version: input.version,
    restored,
    current,
    serialFrom: currentState?.serial,
    serialTo: Math.max(...serials) + 1,
    comparedLineage: compared,
    lineageDiffers: compared !== undefined && compared !== restored.lineage,
    added: sorted([...after].filter((address) => !before.has(address))),
    removed: sorted([...before].filter((address) => !after.has(address))),
    mechanisms: TAKE_ORDER.filter((mechanism) => target.mechanisms.includes(mechanism)),
    writesDigest: usesDigest(target),
  };
  if (plan.lineageDiffers && !input.force) {
    return {
      plan,
      refuse: `version "${input.version.versionId}" is of lineage ${restored.lineage}, the state of "${target.environment}" of lineage ${compared ?? ''}: another state (another environment's, or one pushed by mistake). Nothing was written. Restore it anyway with --force`,
    };
  }
  return { plan };
}

/** Go's RFC3339 with nanoseconds, as Terraform writes `Created`. */
function created(now: Date): string {
  return now.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export function restoreLockInfo(
  context: OperatingContext,
  target: EnvironmentLockTarget,
  options: RestoreOptions,
): LockInfo {
  const replica = options.fromReplica === true ? ' --from-replica' : '';
  return {
    ID: context.newLockId(),
    Operation: 'OperationTypeRestore',
    Info: `npm run state -- restore ${target.environment} --version-id ${options.versionId}${replica}`,
    Who: context.who,
    Version: 'npm run state',
    Created: created(context.now()),
    Path: `${context.store.location.bucket}/${target.stateKey}`,
  };
}

/** Releases this restore's own lock, exactly it (by ID, each mechanism only if unchanged). */
async function releaseOwnLock(
  context: OperatingContext,
  target: EnvironmentLockTarget,
  lockId: string,
): Promise<string | undefined> {
  const status = await readLockStatus(context.store, target, context.now());
  const plan = planUnlock(status, lockId);
  // Not held (any more): nothing of this restore's to release.
  if (plan.kind === 'refuse') return undefined;
  const result = await executeUnlockPlan(context.store, status, { kind: 'release', locks: plan.locks, remaining: [] });
  if (result.outcome === 'released') return undefined;
  return `lock ${lockId} was not fully released (${result.outcome}): release it with npm run locks -- unlock ${target.environment} --lock-id ${lockId}`;
}

/** Takes the environment's lock(s) as Terraform does; on a lock held by someone else, gives back what it took. */
async function takeLock(
  context: OperatingContext,
  target: EnvironmentLockTarget,
  info: LockInfo,
): Promise<{ readonly taken: true } | { readonly taken: false; readonly heldBy: readonly HeldLock[] }> {
  const text = JSON.stringify(info);
  for (const mechanism of TAKE_ORDER.filter((each) => target.mechanisms.includes(each))) {
    const outcome =
      mechanism === 's3'
        ? await context.store.takeLockfile(target.lockfileKey, text)
        : await context.store.takeLockItem(target.lockItemId, text);
    if (outcome === 'held') {
      await releaseOwnLock(context, target, info.ID);
      const status = await readLockStatus(context.store, target, context.now());
      return { taken: false, heldBy: status.locks.filter((lock) => lock.id !== info.ID) };
    }
  }
  return { taken: true };
}

function describeHolders(environment: string, locks: readonly HeldLock[]): string {
  if (locks.length === 0) return `"${environment}" was locked while the restore took its lock; try again`;
  const held = locks
    .map((lock) =>
      lock.info === undefined
        ? `lock ${lock.id ?? '(unreadable)'}`
        : `lock ${lock.id ?? ''} held by ${lock.info.Who || 'unknown'} (${lock.info.Operation.replace(/^OperationType/, '').toLowerCase() || 'unknown'}, since ${lock.info.Created || 'unknown'})`,
    )
    .join('; ');
  return `"${environment}" is locked: ${held}. Nothing was written. Wait for that run, or release a stale lock (npm run locks -- list)`;
}

/** Finds the version to restore in its bucket, or says (usage error) why the ID is not one. */
async function chosenVersion(
  source: StateVersionSource,
  target: EnvironmentLockTarget,
  options: RestoreOptions,
): Promise<{ readonly version: StateVersion; readonly restored: StateSummary; readonly text: string }> {
  const where = options.fromReplica === true ? 'in the replica bucket' : 'in the state bucket';
  const history = `npm run state -- history ${target.environment}${options.fromReplica === true ? ' --replica' : ''}`;
  const versions = await source.listStateVersions(target.stateKey);
  const version = versions.find((each) => each.versionId === options.versionId);
  if (version === undefined) {
    throw new UsageError(
      `no version "${options.versionId}" of the state of "${target.environment}" (${target.stateKey}) ${where}; its versions: ${history}`,
    );
  }
  if (version.deleteMarker) {
    throw new UsageError(
      `"${options.versionId}" is a delete marker of the state of "${target.environment}": it holds no state. Restore a version listed before it (${history})`,
    );
  }
  const bytes = await source.readStateVersion(target.stateKey, version.versionId);
  if (bytes === undefined) {
    throw new ToolError(
      `version "${options.versionId}" of "${target.environment}" is gone since it was listed; nothing was written`,
    );
  }
  const text = new TextDecoder().decode(bytes);
  const parsed = parseState(text);
  if (!parsed.readable) {
    throw new ToolError(
      `version "${options.versionId}" of "${target.environment}" is not a Terraform state (${parsed.problem}); nothing was written`,
    );
  }
  return { version, restored: parsed.state, text };
}

async function readPlan(
  store: StateStore,
  target: EnvironmentLockTarget,
  chosen: { readonly version: StateVersion; readonly restored: StateSummary },
  options: RestoreOptions,
) {
  const versions = await store.listStateVersions(target.stateKey);
  return planRestore({
    target,
    fromReplica: options.fromReplica === true,
    version: chosen.version,
    restored: chosen.restored,
    primary: await readEntries(store, target.stateKey, versions),
    force: options.force === true,
  });
}

/**
 * `restore <env> --version-id <ID>`: under the environment's lock, the chosen version's content as a
 * new current version of the state object, its serial above every existing one, and in the modes
 * with a lock table the `-md5` digest of exactly that object. Never deletes or overwrites a version,
 * never deletes the digest; releases its own lock, also on failure.
 */
export async function restoreState(context: OperatingContext, options: RestoreOptions): Promise<RestoreResult> {
  const target = namedLockTarget(context.project, options.environment);
  const source = options.fromReplica === true ? replicaSource(context) : context.store;
  const chosen = await chosenVersion(source, target, options);

  if (options.dryRun === true) {
    const decided = await readPlan(context.store, target, chosen, options);
    if ('refuse' in decided) return { kind: 'refused', reason: decided.refuse, plan: decided.plan };
    const status = await readLockStatus(context.store, target, context.now());
    return { kind: 'dry-run', plan: decided.plan, heldBy: status.locks };
  }

  const info = restoreLockInfo(context, target, options);
  const lock = await takeLock(context, target, info);
  if (!lock.taken) return { kind: 'refused', reason: describeHolders(target.environment, lock.heldBy) };
  let result: RestoreResult;
  try {
    result = await restoreLocked(context, target, chosen, options, info.ID);
  } catch (error) {
    // Released also on failure; the failure is what the user needs to read first.
    let left: string | undefined;
    try {
      left = await releaseOwnLock(context, target, info.ID);
    } catch {
      left = `its lock ${info.ID} could not be released: npm run locks -- unlock ${target.environment} --lock-id ${info.ID}`;
    }
    if (left === undefined) throw error;
    throw new ToolError(`${error instanceof Error ? error.message : String(error)}; ${left}`, { cause: error });
  }
  const left = await releaseOwnLock(context, target, info.ID);
  if (result.kind === 'restored') return { ...result, lockLeft: left };
  return left === undefined || result.kind !== 'refused' ? result : { ...result, reason: `${result.reason}; ${left}` };
}

async function restoreLocked(
  context: OperatingContext,
  target: EnvironmentLockTarget,
  chosen: { readonly version: StateVersion; readonly restored: StateSummary; readonly text: string },
  options: RestoreOptions,
  lockId: string,
): Promise<RestoreResult> {
  // Read again under the lock: what was listed before may have changed.
  const decided = await readPlan(context.store, target, chosen, options);
  if ('refuse' in decided) return { kind: 'refused', reason: decided.refuse, plan: decided.plan };
  const { plan } = decided;
  const expectedDigest = plan.writesDigest ? await context.store.readDigest(target.digestItemId) : undefined;
  const body = new TextEncoder().encode(withSerial(chosen.text, plan.serialTo));
  const written = await context.store.writeStateObject(target.stateKey, body, {
    kmsKeyId: stateKmsKeyId(context.project),
    expectedEtag: plan.current.kind === 'state' ? plan.current.version.etag : undefined,
  });
  if (written.outcome === 'changed') {
    return {
      kind: 'refused',
      plan,
      reason: `the state object of "${target.environment}" changed while the restore held the lock (a write that ignores locks?); nothing was written`,
    };
  }
  let digest: { readonly value: string; readonly written: boolean } | undefined;
  if (plan.writesDigest) {
    const value = md5Hex(body);
    let outcome = await context.store.writeDigest(target.digestItemId, value, expectedDigest);
    if (outcome === 'changed') {
      // Only a writer ignoring the lock changes it now; the new object is what the digest must describe.
      outcome = await context.store.writeDigest(
        target.digestItemId,
        value,
        await context.store.readDigest(target.digestItemId),
      );
    }
    digest = { value, written: outcome === 'written' };
  }
  return { kind: 'restored', plan, newVersionId: written.versionId, digest, lockId, lockLeft: undefined };
}
