import * as fs from 'node:fs';
import * as path from 'node:path';
import { EMULATOR_BOOTSTRAP_STATE_FILE } from '../../app/emulator-endpoint';
import { EMULATOR_OUTPUT_DIRECTORY } from './emulator-env';

/** The emulator's directory at the project root (gitignored): its state, its log, its Terraform CLI config. */
export const EMULATOR_DIRECTORY = '.emulator';

/** What `start` records about the emulator it started, in .emulator/state.json. */
export interface EmulatorState {
  /** e.g. http://127.0.0.1:41234 */
  readonly endpoint: string;
  readonly pid: number;
  readonly logFile: string;
  /** The Terraform CLI configuration written for it. */
  readonly cliConfigFile: string;
  /** The provider mirror that configuration uses; undefined: the public registry. */
  readonly mirror?: string;
  /** ISO 8601. */
  readonly startedAt: string;
}

export interface EmulatorPaths {
  readonly directory: string;
  readonly stateFile: string;
}

export function emulatorPaths(projectRoot: string): EmulatorPaths {
  const directory = path.join(projectRoot, EMULATOR_DIRECTORY);
  return { directory, stateFile: path.join(directory, 'state.json') };
}

/** A state file that cannot be read as one. */
export class EmulatorStateError extends Error {
  constructor(file: string, problem: string) {
    super(
      `${file} is not a state file of this tool (${problem}). Stop the moto_server it describes, if any, ` +
        'by its PID, then delete the file.',
    );
    this.name = 'EmulatorStateError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a state file's text; throws EmulatorStateError naming what is wrong. */
export function parseEmulatorState(text: string, file: string): EmulatorState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EmulatorStateError(file, 'not JSON');
  }
  if (!isRecord(value)) throw new EmulatorStateError(file, 'not a JSON object');
  const { endpoint, pid, logFile, cliConfigFile, mirror, startedAt } = value;
  const problems = [
    (typeof endpoint !== 'string' || !/^https?:\/\/[^/]+$/.test(endpoint)) && 'endpoint',
    (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 1) && 'pid',
    typeof logFile !== 'string' && 'logFile',
    typeof cliConfigFile !== 'string' && 'cliConfigFile',
    mirror !== undefined && typeof mirror !== 'string' && 'mirror',
    typeof startedAt !== 'string' && 'startedAt',
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new EmulatorStateError(file, `missing or invalid: ${problems.join(', ')}`);
  return {
    endpoint: endpoint as string,
    pid: pid as number,
    logFile: logFile as string,
    cliConfigFile: cliConfigFile as string,
    ...(typeof mirror === 'string' && { mirror }),
    startedAt: startedAt as string,
  };
}

/** The recorded state, or undefined when there is no state file. */
export function readEmulatorState(paths: EmulatorPaths): EmulatorState | undefined {
  let text: string;
  try {
    text = fs.readFileSync(paths.stateFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseEmulatorState(text, paths.stateFile);
}

/** Writes the state file (write, then rename: a reader never sees half of it). */
export function writeEmulatorState(paths: EmulatorPaths, state: EmulatorState): void {
  fs.mkdirSync(paths.directory, { recursive: true });
  const temporary = `${paths.stateFile}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temporary, paths.stateFile);
}

export function removeEmulatorState(paths: EmulatorPaths): void {
  fs.rmSync(paths.stateFile, { force: true });
}

/**
 * What a deploy against an emulator leaves in the project: its synth output and the bootstrap's
 * emulator state file. moto keeps everything in memory, so once it has stopped these describe
 * nothing, and a new emulator (on another port) would trip over them ("Backend configuration
 * changed"). Returns the entries removed, relative to the project root.
 */
export function removeEmulatorLeftovers(projectRoot: string): string[] {
  const entries = [
    EMULATOR_OUTPUT_DIRECTORY,
    EMULATOR_BOOTSTRAP_STATE_FILE,
    `${EMULATOR_BOOTSTRAP_STATE_FILE}.backup`,
    `.${EMULATOR_BOOTSTRAP_STATE_FILE}.lock.info`,
  ];
  return entries.filter((entry) => {
    const full = path.join(projectRoot, entry);
    if (!fs.existsSync(full)) return false;
    fs.rmSync(full, { recursive: true, force: true });
    return true;
  });
}
