import * as os from 'node:os';
import { gibibytes, minutes, runMeasured } from './measure';
import { type TargetCheck } from './targets';

/** Counts from one line of jest's summary ("Tests:  2 failed, 3 skipped, 700 passed, 705 total"). */
export interface JestCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly total: number;
}

export interface JestSummary {
  readonly suites: JestCounts;
  readonly tests: JestCounts;
}

function countsOf(line: string): JestCounts {
  const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0);
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), total: count('total') };
}

/** Jest's closing summary, or undefined when the output has none (jest did not get that far). */
export function parseJestSummary(output: string): JestSummary | undefined {
  const suites = /^Test Suites:(.*)$/m.exec(output)?.[1];
  const tests = /^Tests:(.*)$/m.exec(output)?.[1];
  if (suites === undefined || tests === undefined) return undefined;
  return { suites: countsOf(suites), tests: countsOf(tests) };
}

export interface SuiteBenchResult {
  readonly exitCode: number;
  readonly wallMs: number;
  /** User + system time of the whole process tree (jest, its workers, terraform, providers, moto). */
  readonly cpuMs: number;
  readonly peakBytes: number;
  readonly summary?: JestSummary;
  readonly cores: number;
}

/** Issue 7: the whole suite in at most 5 minutes on 2 cores. */
export const SUITE_WALL_TARGET_MS = 5 * 60_000;

/**
 * `npm test` once, as a user runs it (unit, terraform and e2e projects, 2 workers). A failing
 * suite is reported, not thrown: its time is still worth seeing, but it meets no target.
 */
export async function benchSuite(root: string): Promise<SuiteBenchResult> {
  // Sampling the memory of a tree of terraform and provider processes reads all of /proc; once a
  // second is enough for a run of many minutes and leaves the cores to the suite.
  const { result, peakBytes, cpuMs } = await runMeasured(
    'npm',
    ['test'],
    { cwd: root, env: process.env },
    { sampleMs: 1_000 },
  );
  return {
    exitCode: result.exitCode,
    wallMs: result.durationMs,
    cpuMs,
    peakBytes,
    summary: parseJestSummary(`${result.stderr}\n${result.stdout}`),
    cores: os.cpus().length,
  };
}

function describeCounts(summary: JestSummary | undefined): string {
  if (summary === undefined) return 'no jest summary';
  const { tests, suites } = summary;
  const failed = tests.failed > 0 ? `, ${tests.failed} failed` : '';
  const skipped = tests.skipped > 0 ? `, ${tests.skipped} skipped` : '';
  return `${tests.total} tests in ${suites.total} files (${tests.passed} passed${failed}${skipped})`;
}

export function describeSuite(result: SuiteBenchResult): string[] {
  const status = result.exitCode === 0 ? 'passed' : `FAILED (exit ${result.exitCode})`;
  return [
    `npm test   ${status}   ${describeCounts(result.summary)}`,
    `  ${minutes(result.wallMs)} wall (target <= 5 min on 2 cores)   ${minutes(result.cpuMs)} CPU ` +
      `(${(result.cpuMs / result.wallMs).toFixed(2)} cores busy on average, of ${result.cores})   ` +
      `${gibibytes(result.peakBytes)} peak`,
  ];
}

export function suiteTargets(result: SuiteBenchResult): TargetCheck[] {
  const notes = [
    ...(result.exitCode === 0 ? [] : ['the suite failed']),
    ...(result.cores === 2 ? [] : [`measured on ${result.cores} cores`]),
  ];
  const verdict = result.exitCode === 0 && result.wallMs <= SUITE_WALL_TARGET_MS ? 'met' : 'not met';
  return [
    {
      figure: 'npm test, wall (one run)',
      measured: minutes(result.wallMs),
      target: '<= 5 min on 2 cores',
      verdict,
      ...(notes.length > 0 && { note: notes.join('; ') }),
    },
  ];
}
