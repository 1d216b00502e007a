import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localStateResourceTypes } from '../../app/local-state';
import type { ProjectConfig } from '../../config/types';
import { validateProject, type ValidProject } from '../../naming/project';
import { BOOTSTRAP_STACK } from '../../config/stack-names';
import { startEmulator, type RunningEmulator } from '../emulator/moto';
import { checkPrerequisites } from '../emulator/prerequisites';
import { ScratchProject } from '../emulator/scratch-project';
import { awsProviderVersion } from '../terraform/provider-mirror';
import type { StartedCommand } from '../terraform/run';
import { prepareTerraform, type TerraformSetup } from '../terraform/setup';
import { DemoLog } from './demo-log';
import { errorLines, hintFor } from './hints';
import { inspectDeployment, type DeploymentView } from './inspect';
import { renderDeployment, renderKept, renderLookAround, shellWord } from './report';
import { renderFailure, StepError, StepFailed, Steps, formatSeconds, type DemoIo } from './steps';

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

export const BOOTSTRAP_NOTE =
  'about 70 s on moto: the aws provider waits until the bucket lifecycle rules read back stable';

class Interrupted extends Error {
  constructor() {
    super('interrupted (Ctrl-C)');
    this.name = 'Interrupted';
  }
}

/** Rejects when the signal aborts, so a step that is waiting stops waiting. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) return Promise.reject(new Interrupted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Interrupted());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function describeStacks(environments: readonly string[]): string {
  return environments.length === 1
    ? (environments[0] ?? '')
    : `${environments.slice(0, -1).join(', ')} and ${environments.at(-1) ?? ''}`;
}

/** What the bootstrap's state records, in words: "7 resources: the state bucket and its settings, the lock table". */
function describeBootstrapState(stateFile: string): string {
  const types = localStateResourceTypes(stateFile);
  if (types === undefined) return `no readable ${path.basename(stateFile)}`;
  const parts = [
    types.includes('aws_s3_bucket') && 'the state bucket and its settings',
    types.includes('aws_dynamodb_table') && 'the lock table',
    types.includes('aws_kms_key') && 'the KMS key',
  ].filter((part): part is string => typeof part === 'string');
  return `${types.length} resources in the scratch copy's ${path.basename(stateFile)}: ${parts.join(', ')}`;
}

/**
 * `npm run demo`: the newcomer's one command. Checks prerequisites, starts moto, deploys a
 * scratch copy of the project with the cdktf CLI as a user would, shows what exists, and stops
 * moto (or leaves it running with --keep). Never throws: the outcome says how it went.
 */
export async function runDemo(options: DemoOptions): Promise<DemoOutcome> {
  const { io, keep, signal } = options;
  const env = options.env ?? process.env;
  const workDirectory = options.workDirectory ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-remote-state-demo-'));
  fs.mkdirSync(workDirectory, { recursive: true });
  const log = new DemoLog(path.join(workDirectory, 'demo.log'));
  const environments = Object.keys(options.config.environments);
  const steps = new Steps(io, keep ? 8 : 9);
  const started = Date.now();

  let project: ValidProject | undefined;
  let setup: TerraformSetup | undefined;
  let emulator: RunningEmulator | undefined;
  let scratch: ScratchProject | undefined;
  let view: DeploymentView | undefined;
  let running: StartedCommand | undefined;
  const killRunning = () => running?.kill('SIGTERM');
  signal?.addEventListener('abort', killRunning);

  /** One cdktf command in the scratch project, shown as the user would type it, logged in full. */
  async function cdktf(args: readonly string[]): Promise<void> {
    if (scratch === undefined) throw new Error('no scratch project');
    io.write(`      $ npx cdktf ${args.join(' ')}\n`);
    running = scratch.startCdktf(args);
    const result = await untilAborted(running.result, signal).finally(() => {
      running = undefined;
    });
    log.command(result, scratch.directory);
    if (result.exitCode !== 0) {
      const output = `${result.stdout}\n${result.stderr}`;
      throw new StepError(
        `npx cdktf ${args.join(' ')} exited with code ${result.exitCode}:`,
        errorLines(output),
        hintFor(output),
      );
    }
  }

  io.write(`npm run demo: Terraform remote state on a local AWS emulator (moto). Full log: ${log.file}\n\n`);
  let failure: StepFailed | undefined;
  try {
    await steps.run('Check prerequisites and config/project.ts', async () => {
      project = validateProject(options.config);
      const found = checkPrerequisites({ needEmulator: true, needMirror: true });
      const provider = `hashicorp/aws ${awsProviderVersion()} from ${found.mirror ?? 'the public registry'}`;
      return { value: undefined, summary: `terraform ${found.terraformVersion}, ${provider}, moto_server` };
    });

    await steps.run(
      'Prepare Terraform',
      async () => {
        setup = await untilAborted(prepareTerraform(path.join(workDirectory, 'terraform'), env), signal);
        const provider =
          setup.mirror === undefined ? `plugin cache ${setup.pluginCacheDir ?? ''}` : `linked from ${setup.mirror}`;
        return { value: undefined, summary: `its own CLI configuration and HOME; the aws provider ${provider}` };
      },
      'nothing shared with other Terraform runs, nothing written in your home',
    );

    await steps.run('Start the emulator', async () => {
      // Detached with --keep, so it outlives this process.
      emulator = await untilAborted(startEmulator({ logDirectory: workDirectory, detached: keep }), signal);
      log.note(`emulator: ${emulator.endpoint}, PID ${emulator.pid}, log ${emulator.logFile}`);
      return { value: undefined, summary: `moto_server at ${emulator.endpoint}, PID ${emulator.pid}` };
    });

    await steps.run('Copy the project into a scratch directory', async () => {
      if (setup === undefined || emulator === undefined) throw new Error('Terraform or the emulator is not ready');
      scratch = new ScratchProject({
        source: options.projectRoot,
        directory: path.join(workDirectory, 'project'),
        terraformEnv: setup.env,
        endpoint: emulator.endpoint,
        config: options.config,
      });
      return { value: undefined, summary: `${scratch.directory} (your own state and cdktf.out stay as they are)` };
    });

    await steps.run('Synthesize in emulator mode', async () => {
      await cdktf(['synth']);
      const stacks = `{${[BOOTSTRAP_STACK, ...environments].join(',')}}`;
      return {
        value: undefined,
        summary: `cdktf.out/stacks/${stacks}, every provider and backend aimed at AWS_ENDPOINT_URL=${emulator?.endpoint ?? ''}`,
      };
    });

    await steps.run(
      'Deploy the bootstrap',
      async () => {
        await cdktf(['deploy', BOOTSTRAP_STACK, '--auto-approve', '--skip-provider-lock', '--skip-synth']);
        return {
          value: undefined,
          summary: scratch === undefined ? undefined : describeBootstrapState(scratch.bootstrapStateFile),
        };
      },
      BOOTSTRAP_NOTE,
    );

    await steps.run(`Deploy ${describeStacks(environments)}`, async () => {
      await cdktf(['deploy', ...environments, '--auto-approve', '--skip-provider-lock', '--skip-synth']);
      return { value: undefined, summary: 'each with its own state object in the state bucket' };
    });

    view = await steps.run('Read back what exists, with the AWS SDK', async () => {
      if (scratch === undefined || project === undefined) throw new Error('no scratch project');
      return { value: await untilAborted(inspectDeployment(scratch.aws, project), signal) };
    });
    if (project !== undefined && emulator !== undefined && scratch !== undefined) {
      io.write(`\n${renderDeployment(view, project, emulator.endpoint)}\n`);
      io.write(
        `${renderLookAround(project, { endpoint: emulator.endpoint, projectDirectory: scratch.directory, environments }, keep)}\n`,
      );
    }
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    failure = error;
    const report = renderFailure(error.step, log.commands > 0 ? log.file : undefined);
    log.note(report);
    io.write(report);
  } finally {
    signal?.removeEventListener('abort', killRunning);
  }

  const interrupted = signal?.aborted === true;
  const keepEmulator = keep && !interrupted && emulator !== undefined;
  if (emulator !== undefined && !keepEmulator) {
    const toStop = emulator;
    if (failure === undefined) {
      try {
        await steps.run('Stop the emulator', async () => {
          await toStop.stop();
          return { value: undefined, summary: `PID ${toStop.pid} has exited` };
        });
      } catch (error) {
        if (!(error instanceof StepFailed)) throw error;
        failure = error;
        io.write(renderFailure(error.step, log.file));
      }
    } else {
      await toStop.stop();
      io.write(`Stopped the emulator (PID ${toStop.pid}).\n`);
    }
  }

  // After a failure, the log, the emulator's log and the scratch project are there to look at.
  const keepWorkDirectory = keep || failure !== undefined;
  if (keepEmulator && emulator !== undefined) {
    io.write(
      `\n${renderKept({ endpoint: emulator.endpoint, pid: emulator.pid, logFile: emulator.logFile, workDirectory, projectDirectory: scratch?.directory })}`,
    );
  } else if (keepWorkDirectory) {
    io.write(
      `The scratch directory and logs are kept: ${workDirectory} (remove with rm -rf ${shellWord(workDirectory)})\n`,
    );
  } else {
    fs.rmSync(workDirectory, { recursive: true, force: true });
  }

  const exitCode = interrupted ? 130 : failure === undefined ? 0 : 1;
  io.write(
    exitCode === 0
      ? `\nDone in ${formatSeconds(Date.now() - started)}.${keep ? '' : ' The scratch copy is removed; nothing of yours was changed.'}\n`
      : `\nThe demo did not finish (${interrupted ? 'interrupted' : `step ${failure?.step.number ?? '?'} failed`}) after ${formatSeconds(Date.now() - started)}.\n`,
  );
  return {
    exitCode,
    workDirectory,
    workDirectoryKept: keepWorkDirectory,
    ...(emulator !== undefined && {
      emulator: { endpoint: emulator.endpoint, pid: emulator.pid, logFile: emulator.logFile },
    }),
    emulatorKept: keepEmulator,
    ...(view !== undefined && { view }),
  };
}
