// Entry of `npm run bench`: the project's speed figures (options: BENCH_USAGE in args.ts).
import * as os from 'node:os';
import { EXIT_OK, EXIT_PROBLEM } from '../cli/exit-codes';
import { readCommandLine } from '../cli/usage';
import { projectRoot } from '../project-root';
import { BENCH_USAGE, parseBenchArgs, type BenchArgs } from './args';
import { benchE2e, describeE2e } from './e2e-bench';
import { benchSynth, describeSynth } from './synth-bench';
import { benchUnitTests, describeUnit } from './unit-bench';

const ROOT = projectRoot();

async function bench(args: BenchArgs): Promise<void> {
  const cpus = os.cpus();
  console.log(
    `# npm run bench — ${new Date().toISOString().slice(0, 10)}, ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, node ${process.version}`,
  );

  console.log('\n## Synth (the cdktf.json app command, all stacks)');
  describeSynth(await benchSynth(ROOT, args.synthRuns)).forEach((line) => console.log(line));

  console.log('\n## Unit tests');
  describeUnit(await benchUnitTests(ROOT, args.unitRuns)).forEach((line) => console.log(line));

  if (!args.quick) {
    console.log('\n## Against the emulator (moto)');
    describeE2e(await benchE2e(ROOT, args.e2eRuns, args.overheadRuns)).forEach((line) => console.log(line));
  }
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
