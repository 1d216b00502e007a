import type { LockingMode } from '../../config/types';
import { backendSettings } from '../../naming/backend-settings';
import { environmentNames } from '../../naming/environments';
import type { ValidProject } from '../../naming/project';
import { backendDeprecations, type BackendDeprecation } from '../terraform/backend-deprecations';
import type { LockToolContext } from './context';
import type { DigestComparison } from './digest';
import { compareDigest, isDigestProblem } from './digest';
import type { EnvironmentLockStatus, HeldLock } from './lock-status';
import { isLocked, readLockStatus } from './lock-status';
import type { EnvironmentLockTarget, LockMechanism } from './lock-targets';
import { lockTarget, lockTargets, usesDigest } from './lock-targets';

export const DEFAULT_MAX_AGE_MS = 60 * 60 * 1000;

export type DigestFix =
  /** The digest was rewritten from the current state object. */
  | 'rewritten'
  /** Left alone: the environment is locked, so Terraform may be writing state and digest right now. */
  | 'skipped-locked'
  /** Left alone: the digest changed after it was read (Terraform wrote state meanwhile). */
  | 'changed'
  /** Left alone: there is no state object to take a digest from; restore it (the bucket is versioned). */
  | 'not-fixable';

export interface DigestCheck extends DigestComparison {
  readonly environment: string;
  readonly digestItemId: string;
  readonly stateKey: string;
  /** Set only when --fix was asked for and this check was a problem. */
  readonly fix?: DigestFix;
}

export type LockFindingReason =
  /** Held longer than the threshold: probably a crashed or killed run. */
  | 'old'
  /** The lock info cannot be parsed, so nobody can force-unlock it by ID. */
  | 'unreadable'
  /** The lock info has no valid Created time, so its age is unknown. */
  | 'undated';

export interface LockFinding {
  readonly environment: string;
  readonly reason: LockFindingReason;
  readonly lock: HeldLock;
}

/** The project's locking mode, what Terraform takes in it, and which of its backend settings Terraform deprecates. */
export interface LockingModeReport {
  readonly mode: LockingMode;
  readonly mechanisms: readonly LockMechanism[];
  /** Not a problem (the command still succeeds): a reason to plan the move to `s3`. */
  readonly deprecations: readonly BackendDeprecation[];
}

export interface DoctorReport {
  readonly locking: LockingModeReport;
  readonly maxAgeMs: number;
  readonly digests: readonly DigestCheck[];
  /** Environments whose mode (`s3`) keeps no digest. */
  readonly digestNotUsed: readonly string[];
  readonly lockFindings: readonly LockFinding[];
  /** Problems still present: the command fails when this is not zero. */
  readonly problems: number;
}

export interface DoctorOptions {
  /** Only this environment; default all. */
  readonly environment?: string;
  readonly fix?: boolean;
  readonly maxAgeMs?: number;
  /** Called just before a digest is rewritten, so the CLI can say what it is about to change. */
  readonly beforeFix?: (check: DigestCheck) => void;
}

/** Pure: locks a person should look at. */
export function findLockProblems(statuses: readonly EnvironmentLockStatus[], maxAgeMs: number): LockFinding[] {
  const findings: LockFinding[] = [];
  for (const { target, locks } of statuses) {
    for (const lock of locks) {
      let reason: LockFindingReason | undefined;
      if (lock.problem !== undefined) reason = 'unreadable';
      else if (lock.ageMs === undefined) reason = 'undated';
      else if (lock.ageMs > maxAgeMs) reason = 'old';
      if (reason !== undefined) findings.push({ environment: target.environment, reason, lock });
    }
  }
  return findings;
}

/** Pure: the mode is project-wide, so every environment's backend says the same; the first one's is read. */
export function lockingModeReport(project: ValidProject): LockingModeReport {
  const [environment] = environmentNames(project);
  if (environment === undefined) return { mode: project.config.locking, mechanisms: [], deprecations: [] };
  return {
    mode: project.config.locking,
    mechanisms: lockTarget(project, environment).mechanisms,
    deprecations: backendDeprecations(backendSettings(project, environment)),
  };
}

/** Pure: a digest problem counts until it is rewritten; every lock finding counts. */
export function countProblems(digests: readonly DigestCheck[], lockFindings: readonly LockFinding[]): number {
  return (
    digests.filter((check) => isDigestProblem(check.status) && check.fix !== 'rewritten').length + lockFindings.length
  );
}

async function checkDigest(context: LockToolContext, target: EnvironmentLockTarget): Promise<DigestCheck> {
  const [expected, state] = await Promise.all([
    context.store.readDigest(target.digestItemId),
    // The body, hashed here: the ETag of an SSE-KMS object is not its MD5.
    context.store.readStateObject(target.stateKey),
  ]);
  return {
    environment: target.environment,
    digestItemId: target.digestItemId,
    stateKey: target.stateKey,
    ...compareDigest(expected, state),
  };
}

async function fixDigest(
  context: LockToolContext,
  target: EnvironmentLockTarget,
  check: DigestCheck,
  lockedAtCheck: boolean,
  options: DoctorOptions,
): Promise<DigestCheck> {
  // Writing a digest for a missing state would hide an accidental delete; restoring the state fixes it.
  if (check.status === 'state-missing' || check.actual === undefined) return { ...check, fix: 'not-fixable' };
  if (lockedAtCheck) return { ...check, fix: 'skipped-locked' };
  // Checked again right before writing: a run that started since the first read may be mid-write.
  if (isLocked(await readLockStatus(context.store, target, context.now()))) return { ...check, fix: 'skipped-locked' };
  options.beforeFix?.(check);
  const result = await context.store.writeDigest(target.digestItemId, check.actual, check.expected);
  return { ...check, fix: result === 'written' ? 'rewritten' : 'changed' };
}

/**
 * `doctor`: the locking mode and the deprecated backend settings it uses, the digest of every
 * environment that uses the lock table compared with its state, and locks older than `maxAgeMs`
 * or unreadable. With `fix`, rewrites mismatched digests of
 * unlocked environments from the state object as it is now.
 */
export async function runDoctor(context: LockToolContext, options: DoctorOptions = {}): Promise<DoctorReport> {
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const targets = lockTargets(context.project, options.environment);
  const now = context.now();
  const statuses = await Promise.all(targets.map((target) => readLockStatus(context.store, target, now)));
  const digestTargets = targets.filter(usesDigest);
  let digests = await Promise.all(digestTargets.map((target) => checkDigest(context, target)));

  if (options.fix === true) {
    // One at a time, in order, so what is printed before each write reads as a sequence.
    const fixed: DigestCheck[] = [];
    for (const [index, check] of digests.entries()) {
      const target = digestTargets[index];
      const lockedAtCheck = statuses.some(
        (status) => status.target.environment === check.environment && isLocked(status),
      );
      if (target === undefined || !isDigestProblem(check.status)) fixed.push(check);
      else fixed.push(await fixDigest(context, target, check, lockedAtCheck, options));
    }
    digests = fixed;
  }

  const lockFindings = findLockProblems(statuses, maxAgeMs);
  return {
    locking: lockingModeReport(context.project),
    maxAgeMs,
    digests,
    digestNotUsed: targets.filter((target) => !usesDigest(target)).map((target) => target.environment),
    lockFindings,
    problems: countProblems(digests, lockFindings),
  };
}
