import type { LockToolContext } from './context';
import type { EnvironmentLockStatus } from './lock-status';
import { readLockStatus } from './lock-status';
import { lockTargets } from './lock-targets';

/** `list`: the lock state of every environment (or one), read from the mechanisms its mode uses. */
export async function listLocks(context: LockToolContext, environment?: string): Promise<EnvironmentLockStatus[]> {
  const targets = lockTargets(context.project, environment);
  const now = context.now();
  return Promise.all(targets.map((target) => readLockStatus(context.store, target, now)));
}
