import { formatTable } from '../cli/text-table';

/** `unclear`: the runs' spread is wider than the difference the target is about; measure again, quieter. */
export type Verdict = 'met' | 'not met' | 'unclear';

/** One target of the issues, with what was measured against it. */
export interface TargetCheck {
  readonly figure: string;
  readonly measured: string;
  readonly target: string;
  readonly verdict: Verdict;
  /** Why the verdict, when the numbers alone do not say. */
  readonly note?: string;
}

export function atMost(value: number, limit: number): Verdict {
  return value <= limit ? 'met' : 'not met';
}

/** The targets as a table, one line each: figure, measured, target, verdict (and the note). */
export function describeTargets(checks: readonly TargetCheck[]): string[] {
  if (checks.length === 0) return ['(no targets in the sections run)'];
  return formatTable([
    ['FIGURE', 'MEASURED', 'TARGET', 'MET'],
    ...checks.map((check) => [
      check.figure,
      check.measured,
      check.target,
      check.note === undefined ? check.verdict : `${check.verdict} (${check.note})`,
    ]),
  ]);
}
