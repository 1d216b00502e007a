import { namedLockTarget } from '../locks/lock-targets';
import type { StateStoreLocation } from '../aws/state-store-location';
import { ToolError } from '../cli/errors';
import type { OperatingContext } from '../ops/context';
import { parseState, type StateSummary } from '../terraform/state-file';
import type { StateVersion, StateVersionSource } from './state-store';

export type VersionStatus = 'current' | 'older' | 'delete-marker';

/** One version as history shows it; the state's own facts when its content is a readable state. */
export interface HistoryEntry {
  readonly version: StateVersion;
  readonly status: VersionStatus;
  readonly state: StateSummary | undefined;
  /** Why the content is not shown: not a state, or gone since it was listed. */
  readonly problem: string | undefined;
}

export interface StateHistory {
  readonly environment: string;
  readonly stateKey: string;
  readonly location: StateStoreLocation;
  /** Read from the replica bucket. */
  readonly replica: boolean;
  /** Newest first. */
  readonly entries: readonly HistoryEntry[];
}

/** How many versions are read at once: fast, without a burst a throttled account would refuse. */
const PARALLEL_READS = 8;

async function mapLimited<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function versionStatus(version: StateVersion): VersionStatus {
  if (version.deleteMarker) return 'delete-marker';
  return version.latest ? 'current' : 'older';
}

/** Reads and parses the content of every version (delete markers have none). */
export async function readEntries(
  source: StateVersionSource,
  key: string,
  versions: readonly StateVersion[],
): Promise<HistoryEntry[]> {
  return mapLimited(versions, PARALLEL_READS, async (version): Promise<HistoryEntry> => {
    const status = versionStatus(version);
    if (version.deleteMarker) return { version, status, state: undefined, problem: undefined };
    const bytes = await source.readStateVersion(key, version.versionId);
    if (bytes === undefined) return { version, status, state: undefined, problem: 'gone since it was listed' };
    const parsed = parseState(new TextDecoder().decode(bytes));
    return parsed.readable
      ? { version, status, state: parsed.state, problem: undefined }
      : { version, status, state: undefined, problem: parsed.problem };
  });
}

/** The replica bucket's versions, or a refusal that says how to get one. */
export function replicaSource(context: OperatingContext): StateVersionSource {
  if (context.replica === undefined) {
    throw new ToolError(
      'this project has no replica: set stateReplicaRegion in config/project.ts and deploy the bootstrap (docs/recover-a-state.md)',
    );
  }
  return context.replica();
}

/** `history <env>`: every version and delete marker of the environment's state object, newest first. */
export async function readHistory(
  context: OperatingContext,
  environment: string,
  options: { readonly replica?: boolean } = {},
): Promise<StateHistory> {
  const { stateKey } = namedLockTarget(context.project, environment);
  const source = options.replica === true ? replicaSource(context) : context.store;
  const versions = await source.listStateVersions(stateKey);
  return {
    environment,
    stateKey,
    location: source.location,
    replica: options.replica === true,
    entries: await readEntries(source, stateKey, versions),
  };
}
