import { gibibytes, GIB, median, runMeasured, seconds, succeeded } from './measure';
import { atMost, type TargetCheck } from './targets';

export interface UnitBenchResult {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakBytes: number;
  readonly tests: number;
}

/** Issue 7: the unit tests in at most 5 s wall (median) on 2 cores, in at most 1 GiB. */
export const UNIT_WALL_TARGET_MS = 5_000;
export const UNIT_MEMORY_TARGET_BYTES = GIB;

/** `npm run test:unit` as a user runs it: wall time, CPU and peak memory of the whole process tree. */
export async function benchUnitTests(root: string, runs: number): Promise<UnitBenchResult> {
  const walls: number[] = [];
  const cpus: number[] = [];
  const peaks: number[] = [];
  let tests = 0;
  for (let run = 0; run < runs; run++) {
    const { result, peakBytes, cpuMs } = await runMeasured('npm', ['run', '-s', 'test:unit'], {
      cwd: root,
      env: process.env,
    });
    succeeded(result);
    tests = Number(/Tests:\s+(\d+) passed/.exec(result.stderr)?.[1] ?? 0);
    walls.push(result.durationMs);
    cpus.push(cpuMs);
    peaks.push(peakBytes);
  }
  return { wallMs: median(walls), cpuMs: median(cpus), peakBytes: median(peaks), tests };
}

export function describeUnit(result: UnitBenchResult): string[] {
  return [
    `npm run test:unit   ${result.tests} tests   ${seconds(result.wallMs)} wall (target <= 5 s)   ` +
      `${seconds(result.cpuMs)} CPU   ${gibibytes(result.peakBytes)} peak (target <= 1 GiB)`,
  ];
}

export function unitTargets(result: UnitBenchResult): TargetCheck[] {
  return [
    {
      figure: 'npm run test:unit, wall (median)',
      measured: seconds(result.wallMs),
      target: '<= 5 s',
      verdict: atMost(result.wallMs, UNIT_WALL_TARGET_MS),
    },
    {
      figure: 'npm run test:unit, peak memory',
      measured: gibibytes(result.peakBytes),
      target: '<= 1 GiB',
      verdict: atMost(result.peakBytes, UNIT_MEMORY_TARGET_BYTES),
    },
  ];
}
