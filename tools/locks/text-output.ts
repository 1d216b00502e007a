import type { LockingMode } from '../../config/types';
import type { DigestCheck, DoctorReport, LockFinding, LockingModeReport } from './doctor';
import { formatAge, formatDuration } from './duration';
import type { EnvironmentLockStatus, HeldLock } from './lock-status';
import type { StateStoreLocation } from '../aws/state-store-location';
import { MECHANISM_LABELS } from './lock-targets';
import type { LockMechanism } from './lock-targets';
import { formatTable } from '../cli/text-table';
import type { UnlockResult } from './unlock';

const NONE = '-';
const RAW_PREVIEW = 200;

export function mechanismsLabel(mechanisms: readonly LockMechanism[]): string {
  return mechanisms.map((mechanism) => MECHANISM_LABELS[mechanism]).join(' + ');
}

/** `OperationTypeApply` reads as `apply`. */
export function operationLabel(operation: string): string {
  const short = operation.replace(/^OperationType/, '');
  return short === '' ? NONE : short.toLowerCase();
}

/** To the second, in UTC: enough to match a lock with a CI run. */
function createdLabel(lock: HeldLock): string {
  if (lock.createdAt !== undefined) return lock.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return lock.info?.Created === undefined || lock.info.Created === '' ? '?' : lock.info.Created;
}

function ageLabel(lock: HeldLock): string {
  return lock.ageMs === undefined ? '?' : formatAge(lock.ageMs);
}

function preview(raw: string | undefined): string {
  if (raw === undefined) return '(no Info attribute)';
  const oneLine = JSON.stringify(raw);
  return oneLine.length > RAW_PREVIEW ? `${oneLine.slice(0, RAW_PREVIEW)}...` : oneLine;
}

export function locationLine(location: StateStoreLocation): string {
  const where =
    location.endpoint === undefined ? location.region : `${location.region}, emulator at ${location.endpoint}`;
  return `State bucket "${location.bucket}", lock table "${location.table}" (${where})`;
}

export function unlockHint(environment: string, lockId: string): string {
  return `npm run locks -- unlock ${environment} --lock-id ${lockId}`;
}

/**
 * The rule that keeps a change of locking mode safe. Runs on "dynamodb" and runs on "s3" take
 * different locks and do not exclude each other; "dynamodb+s3" takes both and excludes either.
 */
export const MIGRATION_RULE =
  'every machine and CI job must be on "dynamodb+s3" before anyone moves to "s3" (or back to "dynamodb"): ' +
  'runs on "dynamodb" and runs on "s3" take different locks and do not exclude each other (docs/locking-modes.md#migrating-to-s3-native-locking)';

/** Said under list and doctor while the project is in the migration mode; nothing in the others. */
export function lockingModeNote(locking: LockingMode): string {
  return locking === 'dynamodb+s3' ? `\nLocking mode "dynamodb+s3" (migration): ${MIGRATION_RULE}.\n` : '';
}

export function renderList(statuses: readonly EnvironmentLockStatus[], location: StateStoreLocation): string {
  // The locking mode is project-wide, so what was checked is said once; a column only if it differs.
  const checkedLabels = new Set(statuses.map(({ target }) => mechanismsLabel(target.mechanisms)));
  const perEnvironment = checkedLabels.size > 1;
  const header = ['ENVIRONMENT', 'LOCK', 'LOCK ID', 'WHO', 'OPERATION', 'CREATED', 'AGE', 'HELD BY'];
  const rows: string[][] = [perEnvironment ? [...header, 'CHECKED'] : header];
  const notes: string[] = [];
  for (const { target, locks } of statuses) {
    const checked = perEnvironment ? [mechanismsLabel(target.mechanisms)] : [];
    if (locks.length === 0) rows.push([target.environment, 'free', NONE, NONE, NONE, NONE, NONE, NONE, ...checked]);
    for (const lock of locks) {
      rows.push([
        target.environment,
        'held',
        lock.id ?? '(unreadable)',
        lock.info?.Who || NONE,
        lock.info === undefined ? NONE : operationLabel(lock.info.Operation),
        lock.info === undefined ? NONE : createdLabel(lock),
        lock.info === undefined ? NONE : ageLabel(lock),
        mechanismsLabel(lock.heldBy),
        ...checked,
      ]);
      if (lock.problem !== undefined) {
        for (const record of lock.records) {
          notes.push(
            `${target.environment}: ${MECHANISM_LABELS[record.mechanism]} holds a lock whose info is unreadable (${lock.problem}): ${preview(record.raw)}`,
          );
        }
      }
    }
    if (locks.length > 1)
      notes.push(`${target.environment}: the mechanisms hold different locks; release each by its own ID`);
  }
  const lines = [locationLine(location)];
  const [onlyLabel] = checkedLabels;
  if (!perEnvironment && onlyLabel !== undefined) lines.push(`Checked: ${onlyLabel}`);
  lines.push('', ...formatTable(rows));
  if (notes.length > 0) lines.push('', ...notes);
  if (statuses.some((status) => status.locks.length > 0)) {
    lines.push('', `Release a lock only when no Terraform run uses it: ${unlockHint('<env>', '<LOCK ID>')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** What a person sees before confirming an unlock. */
export function renderLockDetails(status: EnvironmentLockStatus): string {
  const lines = [`Lock on "${status.target.environment}":`];
  for (const lock of status.locks) {
    const fields: [string, string][] = [
      ['Lock ID', lock.id ?? `(unreadable: ${lock.problem ?? 'unknown'})`],
      ['Held by', mechanismsLabel(lock.heldBy)],
    ];
    if (lock.info !== undefined) {
      fields.push(
        ['Who', lock.info.Who || NONE],
        ['Operation', operationLabel(lock.info.Operation)],
        ['Created', `${createdLabel(lock)} (${ageLabel(lock)} ago)`],
        ['Terraform', lock.info.Version || NONE],
      );
      if (lock.info.Info !== '') fields.push(['Info', lock.info.Info]);
    } else {
      for (const record of lock.records) fields.push([`Stored (${record.mechanism})`, preview(record.raw)]);
    }
    lines.push(
      ...formatTable(
        fields.map(([label, value]) => [`${label}:`, value]),
        '  ',
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function renderUnlockResult(result: UnlockResult): string {
  const ids = result.lockIds.map((id) => id ?? '(unreadable)').join(', ');
  const lines: string[] = [];
  switch (result.outcome) {
    case 'refused':
      return `${result.reason ?? 'refused'}\n`;
    case 'released':
      lines.push(
        `Released lock ${ids} on "${result.environment}" (${mechanismsLabel(result.released)}). The state digest was not touched.`,
      );
      break;
    case 'changed':
      lines.push(
        `Nothing released on "${result.environment}": the lock changed after it was read (${mechanismsLabel(result.changed)}). Run \`npm run locks -- list\` again.`,
      );
      break;
    case 'partial':
      lines.push(
        `Released lock ${ids} on "${result.environment}" only partly: ${mechanismsLabel(result.released)} removed.`,
      );
      if (result.changed.length > 0)
        lines.push(`Left alone because it changed after it was read: ${mechanismsLabel(result.changed)}.`);
      for (const lock of result.remaining)
        lines.push(`Still held: lock ${lock.id ?? '(unreadable)'} (${mechanismsLabel(lock.heldBy)}).`);
      break;
  }
  return `${lines.join('\n')}\n`;
}

const DIGEST_LABELS: Readonly<Record<DigestCheck['status'], string>> = {
  match: 'ok',
  'never-deployed': 'ok (never deployed)',
  'no-digest': 'ok (no digest recorded)',
  mismatch: 'MISMATCH',
  'state-missing': 'STATE MISSING',
};

const FIX_LABELS: Readonly<Record<NonNullable<DigestCheck['fix']>, string>> = {
  rewritten: 'fixed: digest rewritten from the current state object',
  'skipped-locked': 'not fixed: the environment is locked (a run may be writing state); retry when it is free',
  changed: 'not fixed: the digest changed while checking; run doctor again',
  'not-fixable':
    'not fixed: restore the state object (the bucket is versioned: an older version is kept) or, if the environment is gone for good, delete the -md5 item by hand',
};

function digestDetail(check: DigestCheck): string {
  switch (check.status) {
    case 'match':
      return check.actual ?? '';
    case 'never-deployed':
      return 'no state object and no digest';
    case 'no-digest':
      return `state ${check.actual ?? ''}; Terraform records a digest on its next write`;
    case 'mismatch':
      return `expected (digest item) ${check.expected ?? ''}, actual (state object) ${check.actual ?? ''}`;
    case 'state-missing':
      return `expected (digest item) ${check.expected ?? ''}, but no state object at "${check.stateKey}"`;
  }
}

export function renderBeforeFix(check: DigestCheck): string {
  return `Rewriting the digest of "${check.environment}" (item "${check.digestItemId}"): ${check.expected ?? '(none)'} -> ${check.actual ?? '(none)'}\n`;
}

function findingLabel(finding: LockFinding, maxAgeMs: number): string {
  const { lock } = finding;
  const who = lock.info?.Who || 'unknown';
  switch (finding.reason) {
    case 'old':
      return `held for ${ageLabel(lock)} (over ${formatDuration(maxAgeMs)}) by ${who} (${operationLabel(lock.info?.Operation ?? '')})`;
    case 'undated':
      return `held by ${who} with no valid creation time (${JSON.stringify(lock.info?.Created ?? '')})`;
    case 'unreadable':
      return `lock info is unreadable (${lock.problem ?? 'unknown'})`;
  }
}

/** Where the move away from a deprecated setting is explained. */
export const DEPRECATION_DOCS = 'docs/locking-modes.md#when-to-move-to-s3';

/** The mode in use, what Terraform takes in it, and each deprecated backend setting it relies on. */
export function lockingModeLines(locking: LockingModeReport): string[] {
  const lines = [`Locking mode "${locking.mode}": Terraform takes the ${mechanismsLabel(locking.mechanisms)}.`];
  if (locking.deprecations.length === 0) lines.push('  No deprecated backend setting.');
  for (const deprecation of locking.deprecations) {
    lines.push(
      `  Deprecated: ${deprecation.setting}, since Terraform ${deprecation.deprecatedIn} (every terraform init warns; ` +
        `still accepted up to ${deprecation.stillAcceptedIn}). Plan the move to "s3" (${deprecation.replacement}): ${DEPRECATION_DOCS}`,
    );
  }
  return lines;
}

export function renderDoctor(report: DoctorReport, location: StateStoreLocation): string {
  const lines = [locationLine(location), ...lockingModeLines(report.locking), ''];
  if (report.digests.length > 0) {
    lines.push('State digests (MD5 of the state object vs the -md5 item Terraform checks):');
    const rows = [['ENVIRONMENT', 'DIGEST', 'DETAIL']];
    for (const check of report.digests) {
      rows.push([check.environment, DIGEST_LABELS[check.status], digestDetail(check)]);
      if (check.fix !== undefined) rows.push(['', '', `-> ${FIX_LABELS[check.fix]}`]);
    }
    lines.push(...formatTable(rows, '  '));
  }
  if (report.digestNotUsed.length > 0) {
    lines.push(`No digest to check (s3 locking mode): ${report.digestNotUsed.join(', ')}`);
  }
  lines.push('', `Locks older than ${formatDuration(report.maxAgeMs)} or unreadable:`);
  if (report.lockFindings.length === 0) lines.push('  none');
  for (const finding of report.lockFindings) {
    lines.push(
      `  ${finding.environment}: ${findingLabel(finding, report.maxAgeMs)}; ${mechanismsLabel(finding.lock.heldBy)}`,
    );
    lines.push(
      finding.lock.id === undefined
        ? `    review and release: npm run locks -- unlock ${finding.environment}`
        : `    if no run uses it: ${unlockHint(finding.environment, finding.lock.id)}`,
    );
  }
  lines.push('');
  if (report.problems === 0) {
    lines.push('No problems found.');
  } else {
    const fixable = report.digests.some((check) => check.status === 'mismatch' && check.fix === undefined);
    lines.push(
      `${report.problems} problem${report.problems === 1 ? '' : 's'} found.${fixable ? ' Rewrite mismatched digests with --fix.' : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
