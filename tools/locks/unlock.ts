import type { LockToolContext } from './context';
import type { EnvironmentLockStatus, HeldLock, LockRecord } from './lock-status';
import { readLockStatus } from './lock-status';
import type { LockStore } from './lock-store';
import type { EnvironmentLockTarget, LockMechanism } from './lock-targets';
import { namedLockTarget } from './lock-targets';

export type UnlockPlan =
  | { readonly kind: 'refuse'; readonly reason: string }
  | { readonly kind: 'release'; readonly locks: readonly HeldLock[]; readonly remaining: readonly HeldLock[] };

/**
 * Pure: releases only the lock whose ID is given, and only if it is the one held now. A different
 * ID means someone else's run (or a newer one) holds the lock: refuse and touch nothing.
 */
export function planUnlock(status: EnvironmentLockStatus, lockId: string): UnlockPlan {
  const { environment } = status.target;
  if (status.locks.length === 0)
    return { kind: 'refuse', reason: `environment "${environment}" is not locked; nothing to release` };
  const matching = status.locks.filter((lock) => lock.id === lockId);
  if (matching.length === 0) {
    const readable = status.locks.filter((lock) => lock.id !== undefined);
    if (readable.length === 0) {
      return {
        kind: 'refuse',
        reason: `the lock on "${environment}" has unreadable lock info, so no lock ID can match; run \`npm run locks -- unlock ${environment}\` in a terminal to review and remove it`,
      };
    }
    const held = readable.map((lock) => lock.id).join(', ');
    return {
      kind: 'refuse',
      reason: `lock ID "${lockId}" does not match the lock held on "${environment}" (${held}); nothing was released`,
    };
  }
  return { kind: 'release', locks: matching, remaining: status.locks.filter((lock) => lock.id !== lockId) };
}

/** Pure: after a person confirmed what they were shown, release all of it (and nothing newer). */
export function planReleaseAll(status: EnvironmentLockStatus): UnlockPlan {
  if (status.locks.length === 0)
    return { kind: 'refuse', reason: `environment "${status.target.environment}" is not locked; nothing to release` };
  return { kind: 'release', locks: status.locks, remaining: [] };
}

export type UnlockOutcome =
  /** Every lock planned was removed. */
  | 'released'
  /** Nothing was removed: the plan refused. */
  | 'refused'
  /** Nothing was removed: the lock changed between reading and deleting. */
  | 'changed'
  /** Some mechanisms released, others changed meanwhile or hold another lock. */
  | 'partial';

export interface UnlockResult {
  readonly environment: string;
  readonly outcome: UnlockOutcome;
  /** The reason for `refused`. */
  readonly reason?: string;
  /** Lock IDs that were asked to be released (`undefined` entries: unreadable locks). */
  readonly lockIds: readonly (string | undefined)[];
  readonly released: readonly LockMechanism[];
  /** Mechanisms left alone because their lock changed after it was read. */
  readonly changed: readonly LockMechanism[];
  /** Other locks still held (mechanisms that disagree on the ID). */
  readonly remaining: readonly HeldLock[];
}

/**
 * Deletes exactly the records that were read, each conditional on being unchanged. Only the lock
 * item and the lockfile are ever named here: the `-md5` digest item is not a lock and stays.
 */
async function releaseRecord(
  store: LockStore,
  target: EnvironmentLockTarget,
  record: LockRecord,
): Promise<'deleted' | 'changed'> {
  if (record.mechanism === 'dynamodb') return store.deleteLockItem(target.lockItemId, record.raw);
  // Re-read first: the etag condition covers AWS; this also covers stores that ignore If-Match.
  const current = await store.readLockfile(target.lockfileKey);
  if (current === undefined || current.body !== record.raw) return 'changed';
  return store.deleteLockfile(target.lockfileKey, record.etag ?? current.etag);
}

// DynamoDB first: its condition is atomic, so a lock replaced meanwhile is caught before anything is removed.
const RELEASE_ORDER: readonly LockMechanism[] = ['dynamodb', 's3'];

export async function executeUnlockPlan(
  store: LockStore,
  status: EnvironmentLockStatus,
  plan: UnlockPlan,
): Promise<UnlockResult> {
  const environment = status.target.environment;
  if (plan.kind === 'refuse') {
    return {
      environment,
      outcome: 'refused',
      reason: plan.reason,
      lockIds: [],
      released: [],
      changed: [],
      remaining: status.locks,
    };
  }
  const records = plan.locks
    .flatMap((lock) => lock.records)
    .sort((a, b) => RELEASE_ORDER.indexOf(a.mechanism) - RELEASE_ORDER.indexOf(b.mechanism));
  const released: LockMechanism[] = [];
  const changed: LockMechanism[] = [];
  for (const record of records) {
    const result = await releaseRecord(store, status.target, record);
    (result === 'deleted' ? released : changed).push(record.mechanism);
  }
  let outcome: UnlockOutcome = 'released';
  if (released.length === 0) outcome = 'changed';
  else if (changed.length > 0 || plan.remaining.length > 0) outcome = 'partial';
  return {
    environment,
    outcome,
    lockIds: plan.locks.map((lock) => lock.id),
    released,
    changed,
    remaining: plan.remaining,
  };
}

/** `unlock <env> --lock-id <ID>`: reads the lock now and releases it only if the ID matches. */
export async function unlockEnvironment(
  context: LockToolContext,
  environment: string,
  lockId: string,
): Promise<UnlockResult> {
  const target = namedLockTarget(context.project, environment);
  const status = await readLockStatus(context.store, target, context.now());
  return executeUnlockPlan(context.store, status, planUnlock(status, lockId));
}

/**
 * Releases what a person was shown in `status` and confirmed. Whatever changed since it was read
 * (released by Terraform, taken by another run) is left alone.
 */
export async function releaseConfirmedLocks(
  context: LockToolContext,
  status: EnvironmentLockStatus,
): Promise<UnlockResult> {
  return executeUnlockPlan(context.store, status, planReleaseAll(status));
}
