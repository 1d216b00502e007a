import { parseCommandLine, UsageError } from '../cli/usage';

/** The parts of the bench, in the order they run. */
export const BENCH_SECTIONS = ['synth', 'unit', 'scale', 'e2e', 'e2e-files', 'suite'] as const;
export type BenchSection = (typeof BENCH_SECTIONS)[number];
const QUICK_SECTIONS: readonly BenchSection[] = ['synth', 'unit'];

export interface BenchArgs {
  /** What to measure; every section unless some were named. */
  readonly sections: ReadonlySet<BenchSection>;
  readonly synthRuns: number;
  readonly unitRuns: number;
  readonly e2eRuns: number;
  readonly overheadRuns: number;
  /** Runs of the whole suite (npm test); the targets are for the median of 2. */
  readonly suiteRuns: number;
  /** Environment counts of the scale synth and plan figures, ascending; the target compares the last with the first. */
  readonly scaleCounts: readonly number[];
  /** Synth and plan runs per environment count. */
  readonly scaleRuns: number;
  /** Rounds of the scale deploy: one environment, then `scaleParallel` at once. */
  readonly scaleDeploys: number;
  /** Environments deployed at once (cdktf's --parallelism). */
  readonly scaleParallel: number;
  readonly help: boolean;
}

/** Beyond this, the state bucket's lifecycle rules (one per environment in the scale configuration) near S3's 1,000. */
export const MAX_SCALE_ENVIRONMENTS = 500;

export const BENCH_USAGE = `Usage: npm run bench [-- <sections>] [--<what>-runs <n>] [--scale-<knob> <n>]

The project's speed figures, as medians of several runs and ratios, and a table of the targets
met. With no section named, all of them (the full bench, about 50 minutes on 2 cores: it
bootstraps several times on the emulator and runs npm test once). Run it on a quiet machine.

Sections (name one or more to run only those):
  --synth               The synth app against node -e "require('cdktf')" (about 15 s)
  --unit                npm run test:unit: wall, CPU, peak memory (about 30 s)
  --scale               Many environments (about 12 minutes): synth and the bootstrap's plan for
                        2, 20 and 100 environments, and 10 environments deployed at once on the
                        emulator against one
  --e2e                 The emulator flows: bootstrap, environments, concurrent applies, cdktf's
                        overhead (about 25 minutes)
  --e2e-files           Each e2e test file alone, one after another: wall, CPU, and how many
                        times it runs terraform init, plan and apply, per stack (10-25 minutes)
  --suite               npm test twice: wall and CPU of the whole process tree, medians (about 25 minutes)
  --quick               The same as --synth --unit
  --all                 Every section (the default)

Run counts:
  --synth-runs <n>      Synth runs (default 21)
  --unit-runs <n>       Unit test runs (default 3)
  --e2e-runs <n>        Bootstraps and deploys on the emulator (default 3)
  --overhead-runs <n>   cdktf deploy vs terraform apply comparisons (default 5)
  --suite-runs <n>      Runs of npm test (default 2; the targets are for the median of 2)
  --scale-runs <n>      Synth and plan runs per environment count (default 5)
  --scale-deploys <n>   Rounds of the scale deploy, each one environment then the parallel ones (default 3)

Scale knobs (smaller values for a quick try; the targets are stated for the defaults):
  --scale-counts <list> Environment counts for synth and plan, ascending (default 2,20,100)
  --scale-parallel <n>  Environments deployed at once (default 10)

  -h, --help            Show this help
`;

function runCount(option: string, text: string): number {
  if (!/^[1-9]\d*$/.test(text))
    throw new UsageError(`--${option} needs a whole number of runs, 1 or more, got "${text}"`);
  return Number(text);
}

function environmentCount(option: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > MAX_SCALE_ENVIRONMENTS) {
    throw new UsageError(`--${option} needs whole numbers from ${min} to ${MAX_SCALE_ENVIRONMENTS}, got "${text}"`);
  }
  return Number(text);
}

function scaleCounts(text: string): number[] {
  const counts = text.split(',').map((part) => environmentCount('scale-counts', part.trim(), 1));
  if (counts.length < 2 || counts.some((count, index) => index > 0 && count <= (counts[index - 1] ?? 0))) {
    throw new UsageError(`--scale-counts needs two or more environment counts in ascending order, got "${text}"`);
  }
  return counts;
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
      'suite-runs': { type: 'string', default: '2' },
      'scale-runs': { type: 'string', default: '5' },
      'scale-deploys': { type: 'string', default: '3' },
      'scale-counts': { type: 'string', default: '2,20,100' },
      'scale-parallel': { type: 'string', default: '10' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  const named = new Set<BenchSection>(BENCH_SECTIONS.filter((section) => values[section]));
  if (values.quick) QUICK_SECTIONS.forEach((section) => named.add(section));
  const sections = values.all || named.size === 0 ? new Set<BenchSection>(BENCH_SECTIONS) : named;
  const scaleDeploys = runCount('scale-deploys', values['scale-deploys']);
  const scaleParallel = environmentCount('scale-parallel', values['scale-parallel'], 2);
  if (scaleDeploys * (1 + scaleParallel) > MAX_SCALE_ENVIRONMENTS) {
    throw new UsageError(
      `--scale-deploys ${scaleDeploys} with --scale-parallel ${scaleParallel} deploys ${scaleDeploys * (1 + scaleParallel)} environments; at most ${MAX_SCALE_ENVIRONMENTS}`,
    );
  }
  return {
    sections,
    synthRuns: runCount('synth-runs', values['synth-runs']),
    unitRuns: runCount('unit-runs', values['unit-runs']),
    e2eRuns: runCount('e2e-runs', values['e2e-runs']),
    overheadRuns: runCount('overhead-runs', values['overhead-runs']),
    suiteRuns: runCount('suite-runs', values['suite-runs']),
    scaleCounts: scaleCounts(values['scale-counts']),
    scaleRuns: runCount('scale-runs', values['scale-runs']),
    scaleDeploys,
    scaleParallel,
    help: values.help,
  };
}
