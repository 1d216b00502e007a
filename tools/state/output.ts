import type { StateStoreLocation } from '../aws/state-store-location';
import { formatTable } from '../cli/text-table';
import { mechanismsLabel, operationLabel } from '../locks/text-output';
import type { HistoryEntry, StateHistory } from './history';
import type { CurrentState, RestorePlan, RestoreResult } from './restore';

const NONE = '-';

const STATUS_LABELS: Readonly<Record<HistoryEntry['status'], string>> = {
  current: 'current',
  older: 'older',
  'delete-marker': 'delete marker',
};

function time(date: Date | undefined): string {
  return date === undefined ? '?' : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function where(location: StateStoreLocation): string {
  const region =
    location.endpoint === undefined ? location.region : `${location.region}, emulator at ${location.endpoint}`;
  return `bucket "${location.bucket}" (${region})`;
}

function restoreCommand(environment: string, replica: boolean): string {
  return `npm run state -- restore ${environment} --version-id <VERSION ID>${replica ? ' --from-replica' : ''} --dry-run`;
}

export function renderHistory(history: StateHistory): string {
  const lines = [
    `State of "${history.environment}": ${history.stateKey} in ${history.replica ? 'the replica ' : ''}${where(history.location)}`,
    '',
  ];
  if (history.entries.length === 0) {
    lines.push(
      history.replica
        ? `No version of "${history.environment}" in the replica: nothing replicated yet (S3 copies only versions written after the replica existed).`
        : `No version: "${history.environment}" was never deployed, or every version expired.`,
    );
    return `${lines.join('\n')}\n`;
  }
  const rows = [['VERSION ID', 'STATUS', 'LAST MODIFIED', 'SIZE', 'SERIAL', 'LINEAGE', 'RESOURCES', 'TERRAFORM']];
  const notes: string[] = [];
  for (const entry of history.entries) {
    const { version, state } = entry;
    rows.push([
      version.versionId,
      STATUS_LABELS[entry.status],
      time(version.lastModified),
      version.size === undefined ? NONE : String(version.size),
      state === undefined ? NONE : String(state.serial),
      state?.lineage ?? NONE,
      state === undefined ? NONE : String(state.resources),
      state?.terraformVersion || NONE,
    ]);
    if (entry.problem !== undefined) notes.push(`${version.versionId}: ${entry.problem}`);
  }
  lines.push(...formatTable(rows));
  if (notes.length > 0) lines.push('', ...notes);
  if (history.entries[0]?.status === 'delete-marker') {
    lines.push(
      '',
      `The state of "${history.environment}" is deleted (a delete marker is current): restore the version before it.`,
    );
  }
  lines.push('', `Restore one (look first): ${restoreCommand(history.environment, history.replica)}`);
  return `${lines.join('\n')}\n`;
}

function currentLabel(current: CurrentState): string {
  switch (current.kind) {
    case 'state':
      return current.state === undefined
        ? `version ${current.version.versionId} (not a readable state)`
        : `version ${current.version.versionId}, serial ${current.state.serial}, lineage ${current.state.lineage}, ${current.state.resources} resources`;
    case 'deleted':
      return `deleted (delete marker ${current.marker.versionId}${current.previous === undefined ? '' : `; before it serial ${current.previous.serial}, lineage ${current.previous.lineage}`})`;
    case 'none':
      return 'none (no version in the state bucket)';
  }
}

function planLines(plan: RestorePlan): string[] {
  const lines = [
    `Restoring "${plan.environment}" (${plan.stateKey}) to version ${plan.version.versionId} of ${time(plan.version.lastModified)}${plan.fromReplica ? ', from the replica bucket' : ''}:`,
    `  restored: serial ${plan.restored.serial}, lineage ${plan.restored.lineage}, ${plan.restored.resources} resources, Terraform ${plan.restored.terraformVersion || '?'}`,
    `  current:  ${currentLabel(plan.current)}`,
    `  serial:   ${plan.serialFrom === undefined ? '(none)' : plan.serialFrom} -> ${plan.serialTo} (above every version's, so nothing is overwritten and the replaced version stays in the history)`,
  ];
  if (plan.lineageDiffers) {
    lines.push(`  lineage:  ${plan.comparedLineage ?? ''} -> ${plan.restored.lineage} (another state's: --force)`);
  }
  lines.push(
    `  resources added:   ${plan.added.length === 0 ? 'none' : plan.added.join(', ')}`,
    `  resources removed: ${plan.removed.length === 0 ? 'none' : plan.removed.join(', ')}`,
    `  lock:     ${mechanismsLabel(plan.mechanisms)}, as Terraform takes it`,
    `  digest:   ${plan.writesDigest ? 'the -md5 item rewritten to the MD5 of the new object' : 'none in s3 locking mode'}`,
  );
  return lines;
}

/** What a restore did, or would do; refusals go to stderr (run-cli.ts). */
export function renderRestore(result: Exclude<RestoreResult, { kind: 'refused' }>): string {
  const lines = planLines(result.plan);
  if (result.kind === 'dry-run') {
    lines.push('');
    for (const lock of result.heldBy) {
      lines.push(
        `"${result.plan.environment}" is locked now (lock ${lock.id ?? '(unreadable)'}${lock.info === undefined ? '' : ` by ${lock.info.Who || 'unknown'}, ${operationLabel(lock.info.Operation)}`}): a restore would be refused until it is released.`,
      );
    }
    lines.push('Dry run: nothing was written and no lock was taken.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    '',
    `Wrote version ${result.newVersionId ?? '(unversioned?)'} of ${result.plan.stateKey}: serial ${result.plan.serialTo}.`,
  );
  if (result.digest !== undefined) {
    lines.push(
      result.digest.written
        ? `Wrote the digest ${result.digest.value} (the MD5 of the new object), so Terraform reads it without a checksum error.`
        : `The digest could not be written (it kept changing): run npm run locks -- doctor ${result.plan.environment} --fix`,
    );
  }
  lines.push(
    result.lockLeft === undefined ? `Released the lock ${result.lockId}.` : `Not released: ${result.lockLeft}`,
    `Next: npx cdktf diff ${result.plan.environment} shows what Terraform would change to match the restored state.`,
  );
  return `${lines.join('\n')}\n`;
}
