import type { ValidProject } from '../../naming/project';
import { awsLockToolContext } from '../locks/context';
import { readLockStatus, type HeldLock } from '../locks/lock-status';
import { lockTargets } from '../locks/lock-targets';
import { executeUnlockPlan, planUnlock } from '../locks/unlock';
import { STATE_LOCK_ERROR } from '../terraform/lock-info';
import type { CommandResult } from '../terraform/run';

/**
 * A run refused by its own lock. Terraform takes the DynamoDB lock with one conditional PutItem
 * (attribute_not_exists). When the AWS SDK retries it after the emulator has already stored the
 * first attempt (its answer lost on a loaded machine), the retry fails the condition and Terraform
 * reports its own lock as held by another run, and leaves it behind. Seen with moto on a busy 2-core
 * machine in 2 of about 10 full suites, in a lone `terraform plan`: moto's log shows PutItem 200,
 * then 2 s later PutItem 400, then Terraform reading the lock info of its own ID.
 *
 * Recognised only where nothing else can hold the lock: the command failed acquiring a state lock,
 * no other command of this process ran at any time during it, and the lock now held was created
 * after it started. Such a lock belongs to a process of that command, which has exited: a stuck
 * lock by definition, released here with the lock tool's own conditional unlock.
 */
export function isStateLockRefusal(result: CommandResult): boolean {
  return result.exitCode !== 0 && `${result.stdout}\n${result.stderr}`.includes(STATE_LOCK_ERROR);
}

/** Pure: the locks in `held` that a command started at `startedAt` can only have taken itself. */
export function locksTakenSince(held: readonly HeldLock[], startedAt: Date): (HeldLock & { readonly id: string })[] {
  return held.filter(
    (lock): lock is HeldLock & { readonly id: string } =>
      lock.id !== undefined && lock.createdAt !== undefined && lock.createdAt >= startedAt,
  );
}

/** Releases the locks a lone command left behind after it started; returns the IDs released. */
export async function releaseOwnLocks(
  project: ValidProject,
  env: NodeJS.ProcessEnv,
  startedAt: Date,
): Promise<string[]> {
  const context = awsLockToolContext(project, env);
  const released: string[] = [];
  // Every environment's, and the bootstrap's when its state is in the bucket.
  for (const target of lockTargets(project)) {
    const status = await readLockStatus(context.store, target, context.now());
    for (const lock of locksTakenSince(status.locks, startedAt)) {
      // The status just read is the one released from: each record only if it is still unchanged.
      const result = await executeUnlockPlan(context.store, status, planUnlock(status, lock.id));
      if (result.outcome === 'released') released.push(`${target.environment}: ${lock.id}`);
    }
  }
  return released;
}

/**
 * Which commands of this process overlap. A command that ran alone for its whole life is the only
 * possible holder of a lock taken while it ran.
 */
export class CommandOverlap {
  private readonly running = new Set<{ overlapped: boolean }>();

  /** Registers a command; call the returned function when it has ended. */
  begin(): { readonly end: () => void; readonly overlapped: () => boolean } {
    const entry = { overlapped: this.running.size > 0 };
    for (const other of this.running) other.overlapped = true;
    this.running.add(entry);
    return { end: () => this.running.delete(entry), overlapped: () => entry.overlapped };
  }
}
