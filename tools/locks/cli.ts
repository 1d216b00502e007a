// Entry of `npm run locks` (bundled and run by scripts/run-app.js). All logic is in run-cli.ts,
// which tests call directly; this file only binds it to the process.
import { processIo } from './cli-io';
import { runLocksCli } from './run-cli';

// The SDK's multi-line "node >=22 from 2027" notice on every run would bury the tool's one-line
// messages; node 20 is supported by this project (package.json engines). A user's setting wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

void runLocksCli(process.argv.slice(2), processIo()).then((code) => {
  // exitCode, not exit(): lets stdout drain when piped.
  process.exitCode = code;
});
