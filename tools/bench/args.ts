import { parseCommandLine, UsageError } from '../cli/usage';

/** The parts of the bench, in the order they run. */
export const BENCH_SECTIONS = ['synth', 'unit', 'e2e', 'suite'] as const;
export type BenchSection = (typeof BENCH_SECTIONS)[number];
const QUICK_SECTIONS: readonly BenchSection[] = ['synth', 'unit'];

export interface BenchArgs {
  /** What to measure; every section unless some were named. */
  readonly sections: ReadonlySet<BenchSection>;
  readonly synthRuns: number;
  readonly unitRuns: number;
  readonly e2eRuns: number;
  readonly overheadRuns: number;
  readonly help: boolean;
}

export const BENCH_USAGE = `Usage: npm run bench [-- <sections>] [--<what>-runs <n>]

The project's speed figures, as medians of several runs and ratios, and a table of the targets
met. With no section named, all of them (the full bench, about 30 minutes on 2 cores: it
bootstraps several times on the emulator and runs npm test once). Run it on a quiet machine.

Sections (name one or more to run only those):
  --synth               The synth app against node -e "require('cdktf')" (about 15 s)
  --unit                npm run test:unit: wall, CPU, peak memory (about 30 s)
  --e2e                 The emulator flows: bootstrap, environments, concurrent applies, cdktf's
                        overhead (about 15 minutes)
  --suite               npm test once: wall and CPU of the whole process tree (10-15 minutes)
  --quick               The same as --synth --unit
  --all                 Every section (the default)

Run counts:
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
  const sectionOptions = Object.fromEntries(
    BENCH_SECTIONS.map((section) => [section, { type: 'boolean', default: false }] as const),
  ) as Record<BenchSection, { type: 'boolean'; default: false }>;
  const { values } = parseCommandLine({
    args: [...argv],
    options: {
      ...sectionOptions,
      quick: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      'synth-runs': { type: 'string', default: '21' },
      'unit-runs': { type: 'string', default: '3' },
      'e2e-runs': { type: 'string', default: '3' },
      'overhead-runs': { type: 'string', default: '5' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  const named = new Set<BenchSection>(BENCH_SECTIONS.filter((section) => values[section]));
  if (values.quick) QUICK_SECTIONS.forEach((section) => named.add(section));
  const sections = values.all || named.size === 0 ? new Set<BenchSection>(BENCH_SECTIONS) : named;
  return {
    sections,
    synthRuns: runCount('synth-runs', values['synth-runs']),
    unitRuns: runCount('unit-runs', values['unit-runs']),
    e2eRuns: runCount('e2e-runs', values['e2e-runs']),
    overheadRuns: runCount('overhead-runs', values['overhead-runs']),
    help: values.help,
  };
}
