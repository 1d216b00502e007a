import * as fs from 'node:fs';
import * as path from 'node:path';
import { EMULATOR_USAGE, EmulatorUsageError, parseEmulatorArgs, type EmulatorArgs } from './cli-args';
import { EMULATOR_OUTPUT_DIRECTORY, EMULATOR_VARIABLE_NAMES, emulatorVariables } from './emulator-env';
import {
  emulatorPaths,
  readEmulatorState,
  removeEmulatorLeftovers,
  removeEmulatorState,
  writeEmulatorState,
  type EmulatorPaths,
  type EmulatorState,
} from './emulator-files';
import { renderExports, renderUnset } from './shell';
import { EMULATOR_BOOTSTRAP_STATE_FILE } from '../../app/emulator-endpoint';

export interface EmulatorCliIo {
  /** stdout: shell lines for eval (status: its answer). */
  out(text: string): void;
  /** stderr: what happened, for the person at the terminal. */
  err(text: string): void;
  /** stdout is a terminal: nobody is eval'ing it. */
  readonly stdoutIsTerminal: boolean;
}

/** What the CLI does to the world; tests pass fakes. */
export interface EmulatorCliDeps {
  readonly projectRoot: string;
  /** Throws "Missing prerequisites: ..." naming what to install. */
  checkPrerequisites(): void;
  /** The machine's provider mirror, undefined for the public registry. */
  findMirror(): string | undefined;
  /** Starts moto_server detached, its log in `logDirectory`. */
  startEmulator(logDirectory: string): Promise<{ endpoint: string; pid: number; logFile: string }>;
  /** Whether the recorded process is still that emulator. */
  isRunning(state: EmulatorState): boolean;
  stopProcess(pid: number): Promise<'stopped' | 'killed'>;
  /** Writes the Terraform CLI configuration into `directory`, returns its path. */
  writeCliConfig(directory: string, mirror: string | undefined): string;
  now(): Date;
}

/** Printed on stdout when a command fails, so `eval "$(...)"` fails too (eval of nothing succeeds). */
const FAIL_EVAL = 'false\n';
const START = 'eval "$(npm run -s emulator -- start)"';

export async function runEmulatorCli(
  argv: readonly string[],
  io: EmulatorCliIo,
  deps: EmulatorCliDeps,
): Promise<number> {
  const say = (text: string) => io.err(`emulator: ${text}\n`);
  let args: EmulatorArgs;
  try {
    args = parseEmulatorArgs(argv);
  } catch (error) {
    if (!(error instanceof EmulatorUsageError)) throw error;
    io.err(`emulator: ${error.message}\n\n${EMULATOR_USAGE}`);
    io.out(FAIL_EVAL);
    return 2;
  }
  if (args.command === 'help') {
    io.err(EMULATOR_USAGE);
    return 0;
  }
  const paths = emulatorPaths(deps.projectRoot);
  const shown = (file: string) => path.relative(deps.projectRoot, file) || '.';
  try {
    switch (args.command) {
      case 'start':
        return await start(paths, io, deps, say, shown);
      case 'env':
        return env(paths, io, deps, say);
      case 'stop':
        return await stop(paths, io, deps, say, shown);
      case 'status':
        return status(paths, io, deps, shown);
    }
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    say(error.message);
    if (args.command !== 'status') io.out(FAIL_EVAL);
    return 1;
  }
}

type Say = (text: string) => void;
type Shown = (file: string) => string;

function describe(state: EmulatorState, shown: Shown): string {
  return `moto_server at ${state.endpoint} (PID ${state.pid}), log ${shown(state.logFile)}`;
}

async function start(paths: EmulatorPaths, io: EmulatorCliIo, deps: EmulatorCliDeps, say: Say, shown: Shown) {
  const recorded = readEmulatorState(paths);
  if (recorded !== undefined && deps.isRunning(recorded)) {
    say(`already running: ${describe(recorded, shown)}, since ${recorded.startedAt}; its variables again:`);
    io.out(renderExports(emulatorVariables(recorded)));
    return 0;
  }
  if (recorded !== undefined) {
    say(`the emulator recorded in ${shown(paths.stateFile)} (PID ${recorded.pid}) has stopped; starting a new one`);
  }
  deps.checkPrerequisites();
  const mirror = deps.findMirror();
  forgetPrevious(paths, deps, say);
  fs.mkdirSync(paths.directory, { recursive: true });
  for (const old of fs.readdirSync(paths.directory).filter((name) => /^moto-\d+\.log$/.test(name))) {
    fs.rmSync(path.join(paths.directory, old), { force: true });
  }
  const running = await deps.startEmulator(paths.directory);
  let state: EmulatorState;
  try {
    state = {
      endpoint: running.endpoint,
      pid: running.pid,
      logFile: running.logFile,
      cliConfigFile: deps.writeCliConfig(paths.directory, mirror),
      ...(mirror !== undefined && { mirror }),
      startedAt: deps.now().toISOString(),
    };
    writeEmulatorState(paths, state);
  } catch (error) {
    // Not recorded, so `stop` could not find it: stop it now.
    await deps.stopProcess(running.pid);
    throw error;
  }
  say(`started ${describe(state, shown)}`);
  say(
    mirror === undefined
      ? 'Terraform gets hashicorp/aws from the public registry (no provider mirror found on this machine)'
      : `Terraform gets hashicorp/aws from the mirror ${mirror}; no registry needed`,
  );
  say(
    `cdktf synthesizes into ${EMULATOR_OUTPUT_DIRECTORY}/; the bootstrap's state goes to ${EMULATOR_BOOTSTRAP_STATE_FILE}`,
  );
  if (io.stdoutIsTerminal) say(`to set these variables in your shell: ${START}`);
  io.out(renderExports(emulatorVariables(state)));
  return 0;
}

/** Removes what a previous emulator left behind: its synth output and bootstrap state describe nothing now. */
function forgetPrevious(paths: EmulatorPaths, deps: EmulatorCliDeps, say: Say): void {
  removeEmulatorState(paths);
  const removed = removeEmulatorLeftovers(deps.projectRoot);
  if (removed.length > 0) {
    say(`removed ${removed.join(', ')}: they described an emulator that has stopped (moto keeps nothing)`);
  }
}

function env(paths: EmulatorPaths, io: EmulatorCliIo, deps: EmulatorCliDeps, say: Say) {
  const recorded = readEmulatorState(paths);
  if (recorded === undefined || !deps.isRunning(recorded)) {
    say(`no emulator is running; start one: ${START}`);
    io.out(FAIL_EVAL);
    return 1;
  }
  io.out(renderExports(emulatorVariables(recorded)));
  return 0;
}

async function stop(paths: EmulatorPaths, io: EmulatorCliIo, deps: EmulatorCliDeps, say: Say, shown: Shown) {
  const recorded = readEmulatorState(paths);
  if (recorded === undefined) {
    say(`no emulator is running (none recorded in ${shown(paths.stateFile)})`);
  } else {
    if (!deps.isRunning(recorded)) {
      say(`the emulator recorded in ${shown(paths.stateFile)} (PID ${recorded.pid}) had already stopped`);
    } else {
      const how = await deps.stopProcess(recorded.pid);
      say(`stopped ${describe(recorded, shown)}${how === 'killed' ? ' (killed: it ignored SIGTERM)' : ''}`);
    }
    fs.rmSync(recorded.cliConfigFile, { force: true });
    forgetPrevious(paths, deps, say);
  }
  io.out(renderUnset(EMULATOR_VARIABLE_NAMES));
  return 0;
}

function status(paths: EmulatorPaths, io: EmulatorCliIo, deps: EmulatorCliDeps, shown: Shown) {
  const recorded = readEmulatorState(paths);
  if (recorded !== undefined && deps.isRunning(recorded)) {
    io.out(`running: ${describe(recorded, shown)}, since ${recorded.startedAt}\n`);
    return 0;
  }
  io.out(
    recorded === undefined
      ? 'not running\n'
      : `not running (the emulator recorded in ${shown(paths.stateFile)}, PID ${recorded.pid}, has stopped)\n`,
  );
  return 1;
}
