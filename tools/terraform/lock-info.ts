/**
 * Terraform's LockInfo, the JSON it stores in the DynamoDB item's `Info` attribute and as the
 * body of the `.tflock` object (internal/states/statemgr/locker.go).
 */
export interface LockInfo {
  readonly ID: string;
  readonly Operation: string;
  readonly Info: string;
  readonly Who: string;
  readonly Version: string;
  /** RFC3339 with nanoseconds, as Go writes it, e.g. 2025-01-31T09:15:02.123456789Z. */
  readonly Created: string;
  readonly Path: string;
}

/** How Terraform begins its message when a run cannot take the state lock (held, or the write failed). */
export const STATE_LOCK_ERROR = 'Error acquiring the state lock';

export type ParsedLockInfo =
  | { readonly readable: true; readonly info: LockInfo; readonly createdAt: Date | undefined }
  | { readonly readable: false; readonly problem: string };

const TEXT_FIELDS = ['Operation', 'Info', 'Who', 'Version', 'Created', 'Path'] as const;

/**
 * Never throws: a lock someone wrote by hand, or truncated, must still be listed and removable.
 * Only the ID is required, because unlocking is decided on it; missing text fields read as ''.
 */
export function parseLockInfo(raw: string | undefined): ParsedLockInfo {
  if (raw === undefined) return { readable: false, problem: 'no lock info stored' };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { readable: false, problem: 'lock info is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { readable: false, problem: 'lock info is not a JSON object' };
  }
  const record = value as Record<string, unknown>;
  const id = record.ID;
  if (typeof id !== 'string' || id.trim() === '') {
    return { readable: false, problem: 'lock info has no ID' };
  }
  const text: Record<string, string> = {};
  for (const field of TEXT_FIELDS) {
    const fieldValue = record[field];
    text[field] = typeof fieldValue === 'string' ? fieldValue : '';
  }
  const info: LockInfo = {
    ID: id,
    Operation: text.Operation ?? '',
    Info: text.Info ?? '',
    Who: text.Who ?? '',
    Version: text.Version ?? '',
    Created: text.Created ?? '',
    Path: text.Path ?? '',
  };
  return { readable: true, info, createdAt: parseRfc3339(info.Created) };
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Strict RFC3339 rather than Date.parse, whose acceptance of other formats is engine-defined.
 * Sub-millisecond digits (Go writes nanoseconds) are dropped.
 */
export function parseRfc3339(text: string): Date | undefined {
  const match = RFC3339.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
