import { parseLockInfo, type LockInfo } from '../terraform/lock-info';
import type { LockStore } from './lock-store';
import type { EnvironmentLockTarget, LockMechanism } from './lock-targets';

/** What one mechanism holds, exactly as read: the raw text is what a conditional delete compares. */
export interface LockRecord {
  readonly mechanism: LockMechanism;
  /** DynamoDB `Info` or `.tflock` body; `undefined` for an item without `Info`. */
  readonly raw: string | undefined;
  /** `.tflock` only. */
  readonly etag?: string;
}

/**
 * One lock as a person thinks of it. In `dynamodb+s3` mode Terraform writes the same LockInfo to
 * both mechanisms, so records with the same ID are one lock held by both.
 */
export interface HeldLock {
  /** Terraform's lock ID, what `terraform force-unlock` and `--lock-id` take; `undefined` if unreadable. */
  readonly id: string | undefined;
  readonly heldBy: readonly LockMechanism[];
  readonly info: LockInfo | undefined;
  readonly createdAt: Date | undefined;
  readonly ageMs: number | undefined;
  /** Why the lock info could not be read; `undefined` when it could. */
  readonly problem: string | undefined;
  readonly records: readonly LockRecord[];
}

export interface EnvironmentLockStatus {
  readonly target: EnvironmentLockTarget;
  /** Empty when the environment is free. More than one only if the mechanisms disagree. */
  readonly locks: readonly HeldLock[];
}

export function isLocked(status: EnvironmentLockStatus): boolean {
  return status.locks.length > 0;
}

/** Pure: turns raw records into locks, merging those with the same ID, and dates them against `now`. */
export function summarizeLocks(records: readonly LockRecord[], now: Date): HeldLock[] {
  const locks: HeldLock[] = [];
  for (const record of records) {
    const parsed = parseLockInfo(record.raw);
    if (!parsed.readable) {
      // Unreadable records are never merged: nothing says they are the same lock.
      locks.push({
        id: undefined,
        heldBy: [record.mechanism],
        info: undefined,
        createdAt: undefined,
        ageMs: undefined,
        problem: parsed.problem,
        records: [record],
      });
      continue;
    }
    const index = locks.findIndex((lock) => lock.id === parsed.info.ID);
    const existing = locks[index];
    if (existing !== undefined) {
      locks[index] = {
        ...existing,
        heldBy: [...existing.heldBy, record.mechanism],
        records: [...existing.records, record],
      };
      continue;
    }
    locks.push({
      id: parsed.info.ID,
      heldBy: [record.mechanism],
      info: parsed.info,
      createdAt: parsed.createdAt,
      ageMs: parsed.createdAt === undefined ? undefined : Math.max(0, now.getTime() - parsed.createdAt.getTime()),
      problem: undefined,
      records: [record],
    });
  }
  return locks;
}

/** Reads every mechanism the environment's mode uses (and only those). */
export async function readLockRecords(store: LockStore, target: EnvironmentLockTarget): Promise<LockRecord[]> {
  const reads = target.mechanisms.map(async (mechanism): Promise<LockRecord | undefined> => {
    if (mechanism === 'dynamodb') {
      const item = await store.readLockItem(target.lockItemId);
      return item === undefined ? undefined : { mechanism, raw: item.info };
    }
    const lockfile = await store.readLockfile(target.lockfileKey);
    return lockfile === undefined ? undefined : { mechanism, raw: lockfile.body, etag: lockfile.etag };
  });
  return (await Promise.all(reads)).filter((record): record is LockRecord => record !== undefined);
}

export async function readLockStatus(
  store: LockStore,
  target: EnvironmentLockTarget,
  now: Date,
): Promise<EnvironmentLockStatus> {
  return { target, locks: summarizeLocks(await readLockRecords(store, target), now) };
}
