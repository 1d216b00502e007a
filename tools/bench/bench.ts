// Entry of `npm run bench`: the project's speed figures (options: BENCH_USAGE in args.ts).
import * as os from 'node:os';
import { EXIT_OK, EXIT_PROBLEM } from '../cli/exit-codes';
import { readCommandLine } from '../cli/usage';
import { projectRoot } from '../project-root';
import { BENCH_USAGE, parseBenchArgs, type BenchArgs } from './args';
import { benchE2e, describeE2e, e2eTargets } from './e2e-bench';
import { benchE2eFiles, costliestE2eFile, describeE2eFiles } from './e2e-files-bench';
import { benchScale } from './scale-bench';
import { describeScale, scaleTargets } from './scale-figures';
import { benchSuite, describeSuite, suiteTargets } from './suite-bench';
import { benchSynth, describeSynth, synthTargets } from './synth-bench';
import { describeTargets, type TargetCheck } from './targets';
import { benchUnitTests, describeUnit, unitTargets } from './unit-bench';

const ROOT = projectRoot();

function print(lines: readonly string[]): void {
  lines.forEach((line) => console.log(line));
}

async function bench(args: BenchArgs): Promise<void> {
  const cpus = os.cpus();
  console.log(
    `# npm run bench — ${new Date().toISOString().slice(0, 10)}, ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, node ${process.version}`,
  );
  const targets: TargetCheck[] = [];
  const { sections } = args;

  if (sections.has('synth')) {
    console.log('\n## Synth (the cdktf.json app command, all stacks)');
    const result = await benchSynth(ROOT, args.synthRuns);
    print(describeSynth(result));
    targets.push(...synthTargets(result));
  }

  if (sections.has('unit')) {
    console.log('\n## Unit tests');
    const result = await benchUnitTests(ROOT, args.unitRuns);
    print(describeUnit(result));
    targets.push(...unitTargets(result));
  }

  if (sections.has('scale')) {
    console.log(`\n## Many environments (${args.scaleCounts.join(', ')}; ${args.scaleParallel} deployed at once)`);
    const result = await benchScale(ROOT, {
      counts: args.scaleCounts,
      runs: args.scaleRuns,
      deploys: args.scaleDeploys,
      parallel: args.scaleParallel,
    });
    print(describeScale(result));
    targets.push(...scaleTargets(result));
  }

  if (sections.has('e2e')) {
    console.log('\n## Against the emulator (moto)');
    const result = await benchE2e(ROOT, args.e2eRuns, args.overheadRuns);
    print(describeE2e(result));
    targets.push(...e2eTargets(result));
  }

  if (sections.has('e2e-files')) {
    console.log('\n## Each e2e file alone (jest --selectProjects e2e <file>, one after another)');
    const profiles = await benchE2eFiles(ROOT);
    print(describeE2eFiles(profiles));
    print(costliestE2eFile(profiles));
  }

  if (sections.has('suite')) {
    console.log(`\n## The whole suite (npm test, ${args.suiteRuns} run(s))`);
    const result = await benchSuite(ROOT, args.suiteRuns);
    print(describeSuite(result));
    targets.push(...suiteTargets(result));
  }

  console.log('\n## Targets');
  print(describeTargets(targets));
}

async function main(): Promise<number> {
  const commandLine = readCommandLine(() => parseBenchArgs(process.argv.slice(2)), {
    name: 'bench',
    usage: BENCH_USAGE,
  });
  if ('exitCode' in commandLine) return commandLine.exitCode;
  await bench(commandLine.args);
  return EXIT_OK;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = EXIT_PROBLEM;
  },
);
