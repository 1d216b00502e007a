import { median, runMeasured, seconds, succeeded } from './measure';

export interface UnitBenchResult {
  readonly wallMs: number;
  readonly peakBytes: number;
  readonly tests: number;
}

const GIB = 1024 ** 3;

/** `npm run test:unit` as a user runs it: wall time and peak memory of the whole process tree. */
export async function benchUnitTests(root: string, runs: number): Promise<UnitBenchResult> {
  const walls: number[] = [];
  const peaks: number[] = [];
  let tests = 0;
  for (let run = 0; run < runs; run++) {
    const { result, peakBytes } = await runMeasured('npm', ['run', '-s', 'test:unit'], { cwd: root, env: process.env });
    succeeded(result);
    tests = Number(/Tests:\s+(\d+) passed/.exec(result.stderr)?.[1] ?? 0);
    walls.push(result.durationMs);
    peaks.push(peakBytes);
  }
  return { wallMs: median(walls), peakBytes: median(peaks), tests };
}

export function describeUnit(result: UnitBenchResult): string[] {
  return [
    `npm run test:unit   ${result.tests} tests   ${seconds(result.wallMs)} wall (target <= 5 s)   ` +
      `${(result.peakBytes / GIB).toFixed(2)} GiB peak (target <= 1 GiB)`,
  ];
}
