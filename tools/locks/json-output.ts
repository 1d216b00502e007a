import type { LockingMode } from '../../config/types';
import type { DoctorReport } from './doctor';
import type { EnvironmentLockStatus, HeldLock } from './lock-status';
import type { StateStoreLocation } from '../aws/state-store-location';
import type { LockMechanism } from './lock-targets';

/**
 * The `--json` shapes. A stable contract for scripts and tests, so it is spelled out here rather
 * than serializing internal types: dates as ISO strings, ages in whole seconds, `null` not absent.
 */
export interface LockJson {
  readonly id: string | null;
  readonly heldBy: readonly LockMechanism[];
  readonly who: string | null;
  readonly operation: string | null;
  readonly info: string | null;
  readonly version: string | null;
  readonly path: string | null;
  /** As stored by Terraform (RFC3339). */
  readonly created: string | null;
  readonly ageSeconds: number | null;
  /** Why the lock info could not be read; `null` when it could. */
  readonly unreadable: string | null;
  /** The stored text of an unreadable lock, by mechanism; `null` when readable. */
  readonly raw: Partial<Record<LockMechanism, string | null>> | null;
}

export interface EnvironmentLocksJson {
  readonly environment: string;
  readonly mechanisms: readonly LockMechanism[];
  readonly state: 'free' | 'held';
  readonly locks: readonly LockJson[];
}

export interface ListJson {
  readonly bucket: string;
  readonly table: string;
  readonly region: string;
  readonly endpoint: string | null;
  readonly environments: readonly EnvironmentLocksJson[];
}

export function lockJson(lock: HeldLock): LockJson {
  const raw: Partial<Record<LockMechanism, string | null>> = {};
  for (const record of lock.records) raw[record.mechanism] = record.raw ?? null;
  return {
    id: lock.id ?? null,
    heldBy: lock.heldBy,
    who: lock.info?.Who ?? null,
    operation: lock.info?.Operation ?? null,
    info: lock.info?.Info ?? null,
    version: lock.info?.Version ?? null,
    path: lock.info?.Path ?? null,
    created: lock.info?.Created ?? null,
    ageSeconds: lock.ageMs === undefined ? null : Math.floor(lock.ageMs / 1000),
    unreadable: lock.problem ?? null,
    raw: lock.problem === undefined ? null : raw,
  };
}

export function environmentLocksJson(status: EnvironmentLockStatus): EnvironmentLocksJson {
  return {
    environment: status.target.environment,
    mechanisms: status.target.mechanisms,
    state: status.locks.length === 0 ? 'free' : 'held',
    locks: status.locks.map(lockJson),
  };
}

export function listJson(statuses: readonly EnvironmentLockStatus[], location: StateStoreLocation): ListJson {
  return {
    bucket: location.bucket,
    table: location.table,
    region: location.region,
    endpoint: location.endpoint ?? null,
    environments: statuses.map(environmentLocksJson),
  };
}

export interface DoctorJson {
  readonly ok: boolean;
  readonly problems: number;
  readonly lockingMode: LockingMode;
  readonly mechanisms: readonly LockMechanism[];
  /** Deprecated backend settings the mode uses: not problems, they do not change `ok`. */
  readonly deprecations: readonly {
    readonly setting: string;
    readonly deprecatedIn: string;
    readonly stillAcceptedIn: string;
    readonly replacement: string;
  }[];
  readonly maxAgeSeconds: number;
  readonly digests: readonly {
    readonly environment: string;
    readonly status: string;
    readonly expected: string | null;
    readonly actual: string | null;
    readonly fix: string | null;
  }[];
  readonly digestNotUsed: readonly string[];
  readonly locks: readonly ({ readonly environment: string; readonly reason: string } & LockJson)[];
}

export function doctorJson(report: DoctorReport): DoctorJson {
  return {
    ok: report.problems === 0,
    problems: report.problems,
    lockingMode: report.locking.mode,
    mechanisms: report.locking.mechanisms,
    deprecations: report.locking.deprecations.map((deprecation) => ({ ...deprecation })),
    maxAgeSeconds: Math.floor(report.maxAgeMs / 1000),
    digests: report.digests.map((check) => ({
      environment: check.environment,
      status: check.status,
      expected: check.expected ?? null,
      actual: check.actual ?? null,
      fix: check.fix ?? null,
    })),
    digestNotUsed: report.digestNotUsed,
    locks: report.lockFindings.map((finding) => ({
      environment: finding.environment,
      reason: finding.reason,
      ...lockJson(finding.lock),
    })),
  };
}
