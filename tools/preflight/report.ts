import type { CheckResult, CheckStatus } from './checks';

const STATUS_WIDTH = 'cannot check'.length;

/** How many checks ended in each status. */
export function countByStatus(results: readonly CheckResult[]): Readonly<Record<CheckStatus, number>> {
  const counts: Record<CheckStatus, number> = { ok: 0, missing: 0, 'cannot check': 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}

/**
 * The report: per target, one line per check (status, what, what was found), each fix on the line
 * below its problem; then the counts and what they mean for the exit status.
 */
export function renderReport(results: readonly CheckResult[]): string {
  const lines: string[] = [];
  const indent = ' '.repeat(2 + STATUS_WIDTH + 2);
  for (const target of new Set(results.map((result) => result.target))) {
    lines.push(`${target}:`);
    for (const result of results.filter((candidate) => candidate.target === target)) {
      lines.push(`  ${result.status.padEnd(STATUS_WIDTH)}  ${result.check}: ${result.detail}`);
      if (result.fix !== undefined) lines.push(`${indent}fix: ${result.fix}`);
    }
  }
  const counts = countByStatus(results);
  lines.push(
    '',
    `${counts.ok} ok, ${counts.missing} missing, ${counts['cannot check']} cannot be checked from here.` +
      (counts.missing > 0 ? ' Fix what is missing before deploying.' : ''),
  );
  return `${lines.join('\n')}\n`;
}
