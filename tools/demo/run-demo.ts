import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProjectConfig } from '../../config/types';
import { environmentNames } from '../../naming/environments';
import type { RunningEmulator } from '../emulator/moto';
import type { ScratchProject } from '../emulator/scratch-project';
import { DemoLog } from './demo-log';
import {
  checkPrerequisites,
  copyProject,
  deployBootstrap,
  deployEnvironments,
  prepareTerraform,
  readBack,
  startEmulator,
  stopEmulator,
  synthesize,
  type DemoRun,
  type DemoTarget,
} from './demo-steps';
import { closingLine, demoExitCode, emulatorEnding, keepsWorkDirectory } from './ending';
import type { DeploymentView } from './inspect';
import { renderDeployment, renderKept, renderLookAround, shellWord } from './report';
import { renderFailure, StepFailed, Steps, type DemoIo } from './steps';

export interface DemoOptions {
  /** The configuration to deploy (the user's config/project.ts), so the demo shows their names. */
  readonly config: ProjectConfig;
  /** The project to copy; its own state and cdktf.out are never touched. */
  readonly projectRoot: string;
  /** Leave the emulator and the scratch directory in place at the end. */
  readonly keep: boolean;
  readonly io: DemoIo;
  /** Default: a new directory under the system's temporary directory. */
  readonly workDirectory?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Aborting (Ctrl-C) kills the running command and stops the emulator, --keep or not. */
  readonly signal?: AbortSignal;
}

export interface DemoOutcome {
  /** 0 done, 1 a step failed, 130 interrupted. */
  readonly exitCode: number;
  readonly workDirectory: string;
  /** Whether the work directory (scratch project and logs) is still there. */
  readonly workDirectoryKept: boolean;
  readonly emulator?: { readonly endpoint: string; readonly pid: number; readonly logFile: string };
  /** Whether the emulator was left running. */
  readonly emulatorKept: boolean;
  readonly view?: DeploymentView;
}

/** How far the steps got: what they left running or on disk, what they read back, or why they stopped. */
interface DemoProgress {
  readonly emulator?: RunningEmulator;
  readonly scratch?: ScratchProject;
  readonly view?: DeploymentView;
  readonly failure?: StepFailed;
}

type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: StepFailed };

/** Runs steps; a failed one is reported at once (what happened, what to do, where the log is). */
async function attempt<T>(run: DemoRun, steps: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await steps() };
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    const report = renderFailure(error.step, run.log.commands > 0 ? run.log.file : undefined);
    run.log.note(report);
    run.io.write(report);
    return { ok: false, failure: error };
  }
}

interface StartedRun extends DemoRun {
  readonly startedAt: number;
}

function openRun(options: DemoOptions): StartedRun {
  const workDirectory = options.workDirectory ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-remote-state-demo-'));
  fs.mkdirSync(workDirectory, { recursive: true });
  return {
    io: options.io,
    steps: new Steps(options.io, options.keep ? 8 : 9),
    log: new DemoLog(path.join(workDirectory, 'demo.log')),
    workDirectory,
    keep: options.keep,
    env: options.env ?? process.env,
    signal: options.signal,
    startedAt: Date.now(),
  };
}

/** Everything up to the read-back; stops at the first failed step, saying what it leaves behind. */
async function runSteps(run: DemoRun, options: DemoOptions): Promise<DemoProgress> {
  const prepared = await attempt(run, async () => {
    const project = await checkPrerequisites(run, options.config);
    return { project, setup: await prepareTerraform(run) };
  });
  if (!prepared.ok) return { failure: prepared.failure };

  const started = await attempt(run, () => startEmulator(run));
  if (!started.ok) return { failure: started.failure };
  const emulator = started.value;

  const copied = await attempt(run, () => copyProject(run, options, prepared.value.setup, emulator));
  if (!copied.ok) return { emulator, failure: copied.failure };
  const scratch = copied.value;

  const { project } = prepared.value;
  const target: DemoTarget = { project, environments: environmentNames(project), scratch, emulator };
  const deployed = await attempt(run, async () => {
    await synthesize(run, target);
    await deployBootstrap(run, target);
    await deployEnvironments(run, target);
    return readBack(run, target);
  });
  if (!deployed.ok) return { emulator, scratch, failure: deployed.failure };

  const view = deployed.value;
  run.io.write(`\n${renderDeployment(view, project, emulator.endpoint)}\n`);
  const lookAround = {
    endpoint: emulator.endpoint,
    projectDirectory: scratch.directory,
    environments: target.environments,
  };
  run.io.write(`${renderLookAround(project, lookAround, run.keep)}\n`);
  return { emulator, scratch, view };
}

/** Stops the emulator, or leaves it running; failing to stop it is a failed step too. */
async function endEmulator(
  run: DemoRun,
  progress: DemoProgress,
  interrupted: boolean,
): Promise<{ readonly keptEmulator?: RunningEmulator; readonly failure?: StepFailed }> {
  const { emulator, failure } = progress;
  const ending = emulatorEnding({
    keep: run.keep,
    interrupted,
    started: emulator !== undefined,
    failed: failure !== undefined,
  });
  if (emulator === undefined || ending === 'not-started') return { failure };
  if (ending === 'keep') return { keptEmulator: emulator, failure };
  const stopFailure = await stopEmulator(run, emulator, ending);
  return { failure: failure ?? stopFailure };
}

/** Removes the work directory, or says where it stays (with the emulator left running: how to stop both). */
function leaveWorkDirectory(
  run: DemoRun,
  kept: boolean,
  keptEmulator: RunningEmulator | undefined,
  projectDirectory: string | undefined,
): void {
  const { workDirectory } = run;
  if (keptEmulator !== undefined) {
    const { endpoint, pid, logFile } = keptEmulator;
    run.io.write(`\n${renderKept({ endpoint, pid, logFile, workDirectory, projectDirectory })}`);
  } else if (kept) {
    run.io.write(
      `The scratch directory and logs are kept: ${workDirectory} (remove with rm -rf ${shellWord(workDirectory)})\n`,
    );
  } else {
    fs.rmSync(workDirectory, { recursive: true, force: true });
  }
}

/** Ends the run as the steps left it, and says how it went. */
async function finish(run: StartedRun, progress: DemoProgress): Promise<DemoOutcome> {
  const interrupted = run.signal?.aborted === true;
  const { keptEmulator, failure } = await endEmulator(run, progress, interrupted);
  const workDirectoryKept = keepsWorkDirectory({ keep: run.keep, failed: failure !== undefined });
  leaveWorkDirectory(run, workDirectoryKept, keptEmulator, progress.scratch?.directory);

  const exitCode = demoExitCode({ interrupted, failed: failure !== undefined });
  const elapsedMs = Date.now() - run.startedAt;
  run.io.write(closingLine({ exitCode, keep: run.keep, interrupted, failedStep: failure?.step.number, elapsedMs }));
  const { emulator, view } = progress;
  return {
    exitCode,
    workDirectory: run.workDirectory,
    workDirectoryKept,
    ...(emulator !== undefined && {
      emulator: { endpoint: emulator.endpoint, pid: emulator.pid, logFile: emulator.logFile },
    }),
    emulatorKept: keptEmulator !== undefined,
    ...(view !== undefined && { view }),
  };
}

/**
 * `npm run demo`: the newcomer's one command. Checks prerequisites, starts moto, deploys a
 * scratch copy of the project with the cdktf CLI as a user would, shows what exists, and stops
 * moto (or leaves it running with --keep). Never throws for a failed step: the outcome says how it went.
 */
export async function runDemo(options: DemoOptions): Promise<DemoOutcome> {
  const run = openRun(options);
  run.io.write(`npm run demo: Terraform remote state on a local AWS emulator (moto). Full log: ${run.log.file}\n\n`);
  return finish(run, await runSteps(run, options));
}
