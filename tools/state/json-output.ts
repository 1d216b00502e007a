import type { StateHistory } from './history';
import type { CurrentState, RestorePlan, RestoreResult } from './restore';
import type { StateVersion } from './state-store';

/**
 * The `--json` shapes: a stable contract for scripts and tests, spelled out rather than serializing
 * internal types (dates as ISO strings, `null` not absent), like the lock tool's.
 */
export interface VersionJson {
  readonly versionId: string;
  readonly status: 'current' | 'older' | 'delete-marker';
  readonly lastModified: string | null;
  readonly size: number | null;
  readonly serial: number | null;
  readonly lineage: string | null;
  readonly resources: number | null;
  readonly terraformVersion: string | null;
  /** Why the content is not described (not a state, gone); `null` when it is, or for a delete marker. */
  readonly problem: string | null;
}

export interface HistoryJson {
  readonly environment: string;
  readonly key: string;
  readonly bucket: string;
  readonly region: string;
  readonly endpoint: string | null;
  readonly replica: boolean;
  readonly versions: readonly VersionJson[];
}

function iso(date: Date | undefined): string | null {
  return date === undefined ? null : date.toISOString();
}

export function historyJson(history: StateHistory): HistoryJson {
  return {
    environment: history.environment,
    key: history.stateKey,
    bucket: history.location.bucket,
    region: history.location.region,
    endpoint: history.location.endpoint ?? null,
    replica: history.replica,
    versions: history.entries.map((entry) => ({
      versionId: entry.version.versionId,
      status: entry.status,
      lastModified: iso(entry.version.lastModified),
      size: entry.version.size ?? null,
      serial: entry.state?.serial ?? null,
      lineage: entry.state?.lineage ?? null,
      resources: entry.state?.resources ?? null,
      terraformVersion: entry.state?.terraformVersion ?? null,
      problem: entry.problem ?? null,
    })),
  };
}

export interface RestorePlanJson {
  readonly environment: string;
  readonly key: string;
  readonly fromReplica: boolean;
  readonly versionId: string;
  readonly restored: { readonly serial: number; readonly lineage: string; readonly resources: number };
  readonly current: {
    readonly kind: CurrentState['kind'];
    readonly versionId: string | null;
    readonly serial: number | null;
    readonly lineage: string | null;
  };
  readonly serialFrom: number | null;
  readonly serialTo: number;
  readonly lineageDiffers: boolean;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly locks: readonly string[];
  readonly writesDigest: boolean;
}

export interface RestoreJson {
  readonly outcome: RestoreResult['kind'];
  readonly reason: string | null;
  readonly plan: RestorePlanJson | null;
  readonly newVersionId: string | null;
  readonly digest: string | null;
  readonly digestWritten: boolean | null;
  readonly lockId: string | null;
  readonly lockReleased: boolean | null;
  /** Dry run: the locks held now (their IDs), which would refuse a restore. */
  readonly lockedBy: readonly (string | null)[];
}

function versionOf(current: CurrentState): StateVersion | undefined {
  if (current.kind === 'state') return current.version;
  return current.kind === 'deleted' ? current.marker : undefined;
}

export function restorePlanJson(plan: RestorePlan): RestorePlanJson {
  const state =
    plan.current.kind === 'state'
      ? plan.current.state
      : plan.current.kind === 'deleted'
        ? plan.current.previous
        : undefined;
  return {
    environment: plan.environment,
    key: plan.stateKey,
    fromReplica: plan.fromReplica,
    versionId: plan.version.versionId,
    restored: { serial: plan.restored.serial, lineage: plan.restored.lineage, resources: plan.restored.resources },
    current: {
      kind: plan.current.kind,
      versionId: versionOf(plan.current)?.versionId ?? null,
      serial: state?.serial ?? null,
      lineage: state?.lineage ?? null,
    },
    serialFrom: plan.serialFrom ?? null,
    serialTo: plan.serialTo,
    lineageDiffers: plan.lineageDiffers,
    added: plan.added,
    removed: plan.removed,
    locks: plan.mechanisms,
    writesDigest: plan.writesDigest,
  };
}

export function restoreJson(result: RestoreResult): RestoreJson {
  const base: RestoreJson = {
    outcome: result.kind,
    reason: null,
    plan: result.plan === undefined ? null : restorePlanJson(result.plan),
    newVersionId: null,
    digest: null,
    digestWritten: null,
    lockId: null,
    lockReleased: null,
    lockedBy: [],
  };
  switch (result.kind) {
    case 'refused':
      return { ...base, reason: result.reason };
    case 'dry-run':
      return { ...base, lockedBy: result.heldBy.map((lock) => lock.id ?? null) };
    case 'restored':
      return {
        ...base,
        newVersionId: result.newVersionId ?? null,
        digest: result.digest?.value ?? null,
        digestWritten: result.digest?.written ?? null,
        lockId: result.lockId,
        lockReleased: result.lockLeft === undefined,
        reason: result.lockLeft ?? null,
      };
  }
}
