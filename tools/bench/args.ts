import { parseCommandLine, UsageError } from '../cli/usage';

export interface BenchArgs {
  /** Synth and unit tests only: no emulator, no bootstraps. */
  readonly quick: boolean;
  readonly synthRuns: number;
  readonly unitRuns: number;
  readonly e2eRuns: number;
  readonly overheadRuns: number;
  readonly help: boolean;
}

export const BENCH_USAGE = `Usage: npm run bench [-- --quick] [--<what>-runs <n>]

The project's speed figures, as medians of several runs and ratios: synth, unit tests and,
unless --quick, the emulator flows (about 10 minutes: it bootstraps several times).

Options:
  --quick               Synth and unit tests only
  --synth-runs <n>      Synth runs (default 21)
  --unit-runs <n>       Unit test runs (default 3)
  --e2e-runs <n>        Bootstraps and deploys on the emulator (default 3)
  --overhead-runs <n>   cdktf deploy vs terraform apply comparisons (default 5)
  -h, --help            Show this help
`;

function runCount(option: string, text: string): number {
  if (!/^[1-9]\d*$/.test(text))
    throw new UsageError(`--${option} needs a whole number of runs, 1 or more, got "${text}"`);
  return Number(text);
}

/** The command line as options, or a UsageError saying what is wrong with it. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseCommandLine({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      'synth-runs': { type: 'string', default: '21' },
      'unit-runs': { type: 'string', default: '3' },
      'e2e-runs': { type: 'string', default: '3' },
      'overhead-runs': { type: 'string', default: '5' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  return {
    quick: values.quick,
    synthRuns: runCount('synth-runs', values['synth-runs']),
    unitRuns: runCount('unit-runs', values['unit-runs']),
    e2eRuns: runCount('e2e-runs', values['e2e-runs']),
    overheadRuns: runCount('overhead-runs', values['overhead-runs']),
    help: values.help,
  };
}
