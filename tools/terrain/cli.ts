// Entry of `npm run check:terrain` (bundled and run by scripts/run-app.js). The check itself is
// check.ts, which the terraform test project runs too (__tests__/terraform/cdk-terrain-check.test.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ToolError } from '../cli/errors';
import { EXIT_OK, EXIT_PROBLEM } from '../cli/exit-codes';
import { PROCESS_OUTPUT } from '../cli/output';
import { parseCommandLine, readCommandLine } from '../cli/usage';
import { projectRoot } from '../project-root';
import { runTerrainCheck } from './check';
import { renderTerrainReport } from './report';

export const TERRAIN_USAGE = `Usage: npm run check:terrain [-- --keep]

Synthesizes every stack with cdktf and with CDK Terrain (cdktn) in scratch copies of the project
and compares them (docs/cdk-terrain.md). Exit status 0: identical but for metadata or explained
differences; 1: an unexplained difference, or a synth failed; 2: usage error.

  --keep   keep the scratch directory and print where it is
`;

function parseTerrainArgs(argv: readonly string[]): { readonly help: boolean; readonly keep: boolean } {
  const { values } = parseCommandLine({
    args: [...argv],
    options: { help: { type: 'boolean', short: 'h' }, keep: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  return { help: values.help === true, keep: values.keep === true };
}

async function main(): Promise<number> {
  const commandLine = readCommandLine(() => parseTerrainArgs(process.argv.slice(2)), {
    name: 'check:terrain',
    usage: TERRAIN_USAGE,
  });
  if ('exitCode' in commandLine) return commandLine.exitCode;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-terrain-check-'));
  try {
    const result = await runTerrainCheck({
      projectDir: projectRoot(),
      workDir,
      log: (line) => PROCESS_OUTPUT.err(`${line}\n`),
    });
    PROCESS_OUTPUT.out(renderTerrainReport(result));
    return result.unexplained === 0 ? EXIT_OK : EXIT_PROBLEM;
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    PROCESS_OUTPUT.err(`check:terrain: ${error.message}\n`);
    return EXIT_PROBLEM;
  } finally {
    if (commandLine.args.keep) PROCESS_OUTPUT.err(`Kept the scratch copies in ${workDir}\n`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

void main().then((code) => {
  // exitCode, not exit(): lets stdout drain when piped.
  process.exitCode = code;
});
