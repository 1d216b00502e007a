// The demo's numbered steps. Each takes what the steps before it produced and hands on its own
// result, so what exists at any point is in the types, not in variables filled in along the way.
import * as path from 'node:path';
import { localStateResourceTypes } from '../../app/local-state';
import { BOOTSTRAP_STACK } from '../../config/stack-names';
import type { ProjectConfig } from '../../config/types';
import { validateProject, type ValidProject } from '../../naming/project';
import * as moto from '../emulator/moto';
import * as prerequisites from '../emulator/prerequisites';
import { ScratchProject } from '../emulator/scratch-project';
import { awsProviderVersion } from '../terraform/provider-mirror';
import * as terraformSetup from '../terraform/setup';
import { commandUntilAborted, untilAborted } from './abortable';
import type { DemoLog } from './demo-log';
import { errorLines, hintFor } from './hints';
import { inspectDeployment, type DeploymentView } from './inspect';
import { renderFailure, StepError, StepFailed, type DemoIo, type Steps } from './steps';

/** What every step works with. */
export interface DemoRun {
  readonly io: DemoIo;
  readonly steps: Steps;
  readonly log: DemoLog;
  /** The scratch project, the logs and this run's Terraform setup live here. */
  readonly workDirectory: string;
  readonly keep: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: the running command is killed and the step fails. */
  readonly signal: AbortSignal | undefined;
}

const BOOTSTRAP_NOTE = 'about 70 s on moto: the aws provider waits until the bucket lifecycle rules read back stable';

/** "dev", "dev and prod", "dev, staging and prod". */
export function describeStacks(environments: readonly string[]): string {
  return environments.length === 1
    ? (environments[0] ?? '')
    : `${environments.slice(0, -1).join(', ')} and ${environments.at(-1) ?? ''}`;
}

/** What the bootstrap's state records, in words: "7 resources in ...: the state bucket and its settings, the lock table". */
export function describeBootstrapState(stateFileName: string, resourceTypes: readonly string[] | undefined): string {
  if (resourceTypes === undefined) return `no readable ${stateFileName}`;
  const parts = [
    resourceTypes.includes('aws_s3_bucket') && 'the state bucket and its settings',
    resourceTypes.includes('aws_dynamodb_table') && 'the lock table',
    resourceTypes.includes('aws_kms_key') && 'the KMS key',
  ].filter((part): part is string => typeof part === 'string');
  return `${resourceTypes.length} resources in the scratch copy's ${stateFileName}: ${parts.join(', ')}`;
}

/** One cdktf command in the scratch project, shown as the user would type it, logged in full. */
async function cdktf(run: DemoRun, scratch: ScratchProject, args: readonly string[]): Promise<void> {
  run.io.write(`      $ npx cdktf ${args.join(' ')}\n`);
  const result = await commandUntilAborted(scratch.startCdktf(args), run.signal);
  run.log.command(result, scratch.directory);
  if (result.exitCode !== 0) {
    const output = `${result.stdout}\n${result.stderr}`;
    throw new StepError(
      `npx cdktf ${args.join(' ')} exited with code ${result.exitCode}:`,
      errorLines(output),
      hintFor(output),
    );
  }
}

export function checkPrerequisites(run: DemoRun, config: ProjectConfig): Promise<ValidProject> {
  return run.steps.run('Check prerequisites and config/project.ts', async () => {
    const project = validateProject(config);
    const found = prerequisites.checkPrerequisites({ needEmulator: true, needMirror: true });
    const provider = `hashicorp/aws ${awsProviderVersion()} from ${found.mirror ?? 'the public registry'}`;
    return { value: project, summary: `terraform ${found.terraformVersion}, ${provider}, moto_server` };
  });
}

export function prepareTerraform(run: DemoRun): Promise<terraformSetup.TerraformSetup> {
  return run.steps.run(
    'Prepare Terraform',
    async () => {
      const setup = await untilAborted(
        terraformSetup.prepareTerraform(path.join(run.workDirectory, 'terraform'), run.env),
        run.signal,
      );
      const provider =
        setup.mirror === undefined ? `plugin cache ${setup.pluginCacheDir ?? ''}` : `linked from ${setup.mirror}`;
      return { value: setup, summary: `its own CLI configuration and HOME; the aws provider ${provider}` };
    },
    'nothing shared with other Terraform runs, nothing written in your home',
  );
}

export function startEmulator(run: DemoRun): Promise<moto.RunningEmulator> {
  return run.steps.run('Start the emulator', async () => {
    // Detached with --keep, so it outlives this process.
    const emulator = await untilAborted(
      moto.startEmulator({ logDirectory: run.workDirectory, detached: run.keep }),
      run.signal,
    );
    run.log.note(`emulator: ${emulator.endpoint}, PID ${emulator.pid}, log ${emulator.logFile}`);
    return { value: emulator, summary: `moto_server at ${emulator.endpoint}, PID ${emulator.pid}` };
  });
}

export interface CopySource {
  /** The project to copy. */
  readonly projectRoot: string;
  /** Written to the copy's config/project.ts. */
  readonly config: ProjectConfig;
}

export function copyProject(
  run: DemoRun,
  source: CopySource,
  setup: terraformSetup.TerraformSetup,
  emulator: moto.RunningEmulator,
): Promise<ScratchProject> {
  return run.steps.run('Copy the project into a scratch directory', async () => {
    const scratch = new ScratchProject({
      source: source.projectRoot,
      directory: path.join(run.workDirectory, 'project'),
      terraformEnv: setup.env,
      endpoint: emulator.endpoint,
      config: source.config,
    });
    return { value: scratch, summary: `${scratch.directory} (your own state and cdktf.out stay as they are)` };
  });
}

/** What the deploy steps work on: the validated project, its scratch copy, and the emulator it is aimed at. */
export interface DemoTarget {
  readonly project: ValidProject;
  readonly environments: readonly string[];
  readonly scratch: ScratchProject;
  readonly emulator: moto.RunningEmulator;
}

export function synthesize(run: DemoRun, target: DemoTarget): Promise<void> {
  return run.steps.run('Synthesize in emulator mode', async () => {
    await cdktf(run, target.scratch, ['synth']);
    const stacks = `{${[BOOTSTRAP_STACK, ...target.environments].join(',')}}`;
    return {
      value: undefined,
      summary: `cdktf.out/stacks/${stacks}, every provider and backend aimed at AWS_ENDPOINT_URL=${target.emulator.endpoint}`,
    };
  });
}

export function deployBootstrap(run: DemoRun, { scratch }: DemoTarget): Promise<void> {
  return run.steps.run(
    'Deploy the bootstrap',
    async () => {
      await cdktf(run, scratch, ['deploy', BOOTSTRAP_STACK, '--auto-approve', '--skip-synth']);
      const stateFile = scratch.bootstrapStateFile;
      return {
        value: undefined,
        summary: describeBootstrapState(path.basename(stateFile), localStateResourceTypes(stateFile)),
      };
    },
    BOOTSTRAP_NOTE,
  );
}

export function deployEnvironments(run: DemoRun, { scratch, environments }: DemoTarget): Promise<void> {
  return run.steps.run(`Deploy ${describeStacks(environments)}`, async () => {
    await cdktf(run, scratch, ['deploy', ...environments, '--auto-approve', '--skip-synth']);
    return { value: undefined, summary: 'each with its own state object in the state bucket' };
  });
}

export function readBack(run: DemoRun, { scratch, project }: DemoTarget): Promise<DeploymentView> {
  return run.steps.run('Read back what exists, with the AWS SDK', async () => ({
    value: await untilAborted(inspectDeployment(scratch.aws, project), run.signal),
  }));
}

/** After a run that went well, stopping is its last numbered step; after a failure, one line. */
export type EmulatorStop = 'as-last-step' | 'quietly';

/** Stops the emulator; a failure to stop, as the last step, is reported and returned. */
export async function stopEmulator(
  run: DemoRun,
  emulator: moto.RunningEmulator,
  how: EmulatorStop,
): Promise<StepFailed | undefined> {
  if (how === 'quietly') {
    await emulator.stop();
    run.io.write(`Stopped the emulator (PID ${emulator.pid}).\n`);
    return undefined;
  }
  try {
    await run.steps.run('Stop the emulator', async () => {
      await emulator.stop();
      return { value: undefined, summary: `PID ${emulator.pid} has exited` };
    });
    return undefined;
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    run.io.write(renderFailure(error.step, run.log.file));
    return error;
  }
}
