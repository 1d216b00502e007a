// `npm run bench`: the project's speed figures, as medians of several runs and ratios.
//   npm run bench                 everything (about 10 minutes: it bootstraps several times)
//   npm run bench -- --quick      synth and unit tests only
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { projectRoot } from '../project-root';
import { benchE2e, describeE2e } from './e2e-bench';
import { benchSynth, describeSynth } from './synth-bench';
import { benchUnitTests, describeUnit } from './unit-bench';

const ROOT = projectRoot();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'synth-runs': { type: 'string', default: '21' },
      'unit-runs': { type: 'string', default: '3' },
      'e2e-runs': { type: 'string', default: '3' },
      'overhead-runs': { type: 'string', default: '5' },
    },
  });
  const cpus = os.cpus();
  console.log(
    `# npm run bench — ${new Date().toISOString().slice(0, 10)}, ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, node ${process.version}`,
  );

  console.log('\n## Synth (the cdktf.json app command, all stacks)');
  describeSynth(await benchSynth(ROOT, Number(values['synth-runs']))).forEach((line) => console.log(line));

  console.log('\n## Unit tests');
  describeUnit(await benchUnitTests(ROOT, Number(values['unit-runs']))).forEach((line) => console.log(line));

  if (!values.quick) {
    console.log('\n## Against the emulator (moto)');
    describeE2e(await benchE2e(ROOT, Number(values['e2e-runs']), Number(values['overhead-runs']))).forEach((line) =>
      console.log(line),
    );
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
