import type { ValidProject } from '../../naming/project';
import type { Inventory } from './inventory';

export type TeardownDecision =
  /** Something still depends on the state storage: change nothing, say what. */
  | { readonly kind: 'refuse'; readonly reasons: readonly string[] }
  /** Everything is gone already. */
  | { readonly kind: 'nothing'; readonly notes: readonly string[] }
  | { readonly kind: 'proceed'; readonly deletes: readonly string[]; readonly notes: readonly string[] };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Which environment a state key belongs to, for the message; keys of no configured environment say so. */
function owner(project: ValidProject, key: string): string {
  const found = Object.entries(project.names.environments).find(([, names]) => names.stateKey === key);
  return found?.[0] ?? '(no configured environment)';
}

/**
 * The teardown's one decision, from what exists: refuse while any state in the bucket records
 * resources or any run holds a lock (those resources would be orphaned: live, with no state);
 * otherwise list what goes.
 */
export function decideTeardown(inventory: Inventory, project: ValidProject): TeardownDecision {
  const { bucket, table, record, localState } = inventory;
  const { names, config } = project;
  const reasons = [
    ...bucket.states
      .filter((state) => state.resources > 0)
      .map((state) => `${owner(project, state.key)}: ${plural(state.resources, 'resource')} in ${state.key}`),
    ...bucket.lockfiles.map((key) => `a run holds the lock ${key} (npm run locks -- list)`),
    ...table.locks.map((id) => `a run holds the lock ${id} in ${names.lockTable} (npm run locks -- list)`),
  ];
  if (reasons.length > 0) return { kind: 'refuse', reasons };

  const tableManaged = !config.retireLockTable;
  const notes =
    !tableManaged && table.exists
      ? [
          `the lock table ${names.lockTable} was retired (retireLockTable): the bootstrap no longer manages it, so it stays; delete it by hand (docs/retiring-the-lock-table.md)`,
        ]
      : [];
  const keyManaged = localState?.includes('aws_kms_key') ?? false;
  const deletes = [
    ...(bucket.exists
      ? [
          `state bucket ${names.stateBucket}: ${plural(bucket.objectVersions, 'object version')} and ${plural(bucket.deleteMarkers, 'delete marker')}`,
        ]
      : []),
    ...(inventory.otherBuckets ?? [])
      .filter((other) => other.exists)
      .map(
        (other) =>
          `${other.what} ${other.name}: ${plural(other.objectVersions, 'object version')} and ${plural(other.deleteMarkers, 'delete marker')}`,
      ),
    ...(tableManaged && table.exists ? [`lock table ${names.lockTable}`] : []),
    ...(record ? ['bootstrap record (SSM parameter)'] : []),
    ...(keyManaged
      ? [
          `KMS key${names.replicaBucket === undefined ? '' : 's'} ${[
            ...(config.stateEncryption === 'customer-managed' || names.replicaBucket === undefined
              ? [names.stateKeyAlias]
              : []),
            ...(names.replicaBucket === undefined ? [] : [names.replicaKeyAlias]),
          ].join(', ')}: scheduled for deletion, 7 days to cancel`,
        ]
      : []),
  ];
  const localResources = localState?.length ?? 0;
  if (deletes.length === 0 && localResources === 0 && !bucket.bootstrapState) return { kind: 'nothing', notes };
  if (deletes.length === 0) {
    deletes.push(`${plural(localResources, 'resource')} the bootstrap's state still records (already gone in AWS)`);
  }
  return { kind: 'proceed', deletes, notes };
}
