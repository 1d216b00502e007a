// Entry of `npm run teardown` (bundled and run by scripts/run-app.js); the logic is in run-teardown.ts.
import { projectConfig } from '../../config/project';
import { validateProject } from '../../naming/project';
import { ToolError } from '../cli/errors';
import { EXIT_PROBLEM } from '../cli/exit-codes';
import { PROCESS_OUTPUT } from '../cli/output';
import { readCommandLine } from '../cli/usage';
import { projectRoot } from '../project-root';
import { parseTeardownArgs, TEARDOWN_USAGE } from './args';
import { runTeardown } from './run-teardown';

async function main(): Promise<number> {
  const read = readCommandLine(() => parseTeardownArgs(process.argv.slice(2)), {
    name: 'teardown',
    usage: TEARDOWN_USAGE,
  });
  if ('exitCode' in read) return read.exitCode;
  return runTeardown({
    project: validateProject(projectConfig),
    args: read.args,
    output: PROCESS_OUTPUT,
    root: projectRoot(),
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `teardown: ${error instanceof ToolError || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = EXIT_PROBLEM;
  },
);
