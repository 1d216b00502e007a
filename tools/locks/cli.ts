// Entry of `npm run locks` (bundled and run by scripts/run-app.js). All logic is in run-cli.ts,
// which tests call directly; this file only binds it to the process.
import { processIo } from './cli-io';
import { runLocksCli } from './run-cli';

void runLocksCli(process.argv.slice(2), processIo()).then((code) => {
  // exitCode, not exit(): lets stdout drain when piped.
  process.exitCode = code;
});
