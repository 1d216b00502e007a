// Entry of `npm run ci:environments` (bundled and run by scripts/run-app.js); the logic is in run-cli.ts.
import { PROCESS_OUTPUT } from '../cli/output';
import { runCiEnvironmentsCli } from './run-cli';

process.exitCode = runCiEnvironmentsCli(process.argv.slice(2), PROCESS_OUTPUT);
