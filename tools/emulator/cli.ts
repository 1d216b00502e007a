// Entry of `npm run emulator` (bundled and run by scripts/run-app.js). All logic is in
// run-emulator-cli.ts, which tests call directly; this file only binds it to the process.
import { projectRoot } from '../project-root';
import { writeTerraformCliConfig } from '../terraform/cli-config';
import { findProviderMirror } from '../terraform/provider-mirror';
import { isEmulatorProcess, stopProcess } from './emulator-process';
import { startEmulator } from './moto';
import { checkPrerequisites } from './prerequisites';
import { runEmulatorCli, type EmulatorCliDeps } from './run-emulator-cli';

const deps: EmulatorCliDeps = {
  projectRoot: projectRoot(),
  // Terraform only: a missing moto_server is reported by startEmulator (its --help alone takes a second).
  checkPrerequisites: () => void checkPrerequisites({ needEmulator: false, needMirror: false }),
  findMirror: () => findProviderMirror(),
  // Detached: it outlives this process, until `stop`.
  startEmulator: (logDirectory) => startEmulator({ logDirectory, detached: true }),
  isRunning: (state) => isEmulatorProcess(state.pid, state.endpoint),
  stopProcess: (pid) => stopProcess(pid),
  // No plugin cache: with a mirror Terraform links the provider from it; without, it downloads per stack.
  writeCliConfig: (directory, mirror) => writeTerraformCliConfig(directory, { mirror }),
  now: () => new Date(),
};

void runEmulatorCli(
  process.argv.slice(2),
  {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    stdoutIsTerminal: process.stdout.isTTY === true,
  },
  deps,
).then((code) => {
  // exitCode, not exit(): lets stdout drain when piped.
  process.exitCode = code;
});
