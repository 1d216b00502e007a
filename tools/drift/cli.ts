// Entry of `npm run drift` (bundled and run by scripts/run-app.js). All logic is in run-cli.ts,
// which tests call directly; this file only binds it to the process.
import { PROCESS_OUTPUT } from '../cli/output';
import { runDriftCli } from './run-cli';

void runDriftCli(process.argv.slice(2), PROCESS_OUTPUT).then((code) => {
  // exitCode, not exit(): lets stdout drain when piped.
  process.exitCode = code;
});
