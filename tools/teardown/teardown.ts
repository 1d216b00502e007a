// Entry of `npm run teardown` (bundled and run by scripts/run-app.js); the logic is in run-teardown.ts.
// One of the operating tools with npm run locks and npm run state: their conventions (tools/ops/run-tool.ts).
import { projectConfig } from '../../config/project';
import { validateProject } from '../../naming/project';
import { PROCESS_OUTPUT } from '../cli/output';
import { runOperatingTool } from '../ops/run-tool';
import { projectRoot } from '../project-root';
import { parseTeardownArgs, TEARDOWN_USAGE } from './args';
import { runTeardown } from './run-teardown';

void runOperatingTool({ name: 'teardown', usage: TEARDOWN_USAGE }, PROCESS_OUTPUT, async () => {
  const args = parseTeardownArgs(process.argv.slice(2));
  if (args.help) return 'help';
  return runTeardown({ project: validateProject(projectConfig), args, output: PROCESS_OUTPUT, root: projectRoot() });
}).then((code) => {
  process.exitCode = code;
});
