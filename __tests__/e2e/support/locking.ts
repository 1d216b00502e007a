import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetObjectCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import type { ScratchProject } from '../../../tools/emulator/scratch-project';
import { runLocksCli } from '../../../tools/locks/run-cli';
import { runCommand, type CommandResult } from '../../../tools/terraform/run';
import { FakeIo } from '../../tools/locks/support/fake-io';
import { PROBE_RESOURCE, type BackendProbe } from './backend-probe';
import { expectSuccess } from './e2e';
import { readableLockInfo, waitFor } from './state-inspection';
import { isMissingObject } from '../../../tools/aws/errors';
import type { LockInfo } from '../../../tools/terraform/lock-info';

/** Terraform's message when it cannot take the lock, whichever mechanism refused it. */
/** Terraform's message when the state object does not match the `-md5` digest item. */
export const CHECKSUM_ERROR = 'does not have the expected content';

/** A first `terraform init` + `apply` of each environment, side by side, in directories cdktf has synthesized. */
async function applyEnvironments(project: ScratchProject, environments: readonly string[]): Promise<void> {
  await Promise.all(
    environments.map(async (environment) => {
      expectSuccess(await project.terraform(environment, ['init', '-input=false']));
      expectSuccess(await project.terraform(environment, ['apply', '-auto-approve', '-input=false']));
    }),
  );
}

/**
 * The app (as `cdktf synth` runs it), then a first `terraform init` + `apply` of `environments` side by side: setup for
 * a file on a bootstrap that is already there (deploy-flow.test.ts covers `cdktf deploy <env>`).
 */
export async function deployWithTerraform(project: ScratchProject, environments: readonly string[]): Promise<void> {
  expectSuccess(await project.synth());
  await applyEnvironments(project, environments);
}

/** The synthesized stack JSON (cdktf.out/stacks/<stack>/cdk.tf.json). */
export function synthesizedStack(
  project: ScratchProject,
  stack: string,
): { resource: Record<string, Record<string, unknown>> } {
  return JSON.parse(fs.readFileSync(path.join(project.stackDirectory(stack), 'cdk.tf.json'), 'utf8')) as {
    resource: Record<string, Record<string, unknown>>;
  };
}

/** Address of an environment's workload bucket: replacing it makes any apply a change. */
export function workloadBucketAddress(project: ScratchProject, environment: string): string {
  const [id] = Object.keys(synthesizedStack(project, environment).resource.aws_s3_bucket ?? {});
  if (id === undefined) throw new Error(`no aws_s3_bucket in the synthesized ${environment} stack`);
  return `aws_s3_bucket.${id}`;
}

/** A `terraform apply` waiting at its approval prompt: it holds the state lock until answered or killed. */
export interface PromptedApply {
  /** Output so far. */
  output(): string;
  /** Answers the prompt (`yes` applies, anything else cancels) and waits for the run to end. */
  answer(text: string): Promise<CommandResult>;
  /** Cancels the run if it is still waiting (Terraform then releases the lock); for cleanup. */
  release(): Promise<CommandResult>;
  /** kill -9 of the run and its provider plugins, as a crash would: the lock stays behind. */
  crash(): Promise<CommandResult>;
}

const PROMPT = 'Enter a value:';

/**
 * Starts `terraform apply -replace=<workload bucket>` in a stack's directory with input enabled
 * and waits until it asks for approval. Terraform holds the lock from before the plan until the
 * apply ends, so this is a run holding the lock for as long as a test needs, released cleanly by
 * answering (or left behind by crash()).
 */
export function applyWaitingForApproval(
  project: ScratchProject,
  environment: string,
  timeoutMs = 120_000,
): Promise<PromptedApply> {
  return startWaitingForApproval(
    project.stackDirectory(environment),
    project.env,
    workloadBucketAddress(project, environment),
    timeoutMs,
  );
}

/** The same with a backend probe of the environment's state (support/backend-probe.ts): the same locks, no provider. */
export function probeWaitingForApproval(probe: BackendProbe, timeoutMs = 120_000): Promise<PromptedApply> {
  return startWaitingForApproval(probe.directory, probe.project.env, PROBE_RESOURCE, timeoutMs);
}

async function startWaitingForApproval(
  directory: string,
  env: NodeJS.ProcessEnv,
  replace: string,
  timeoutMs: number,
): Promise<PromptedApply> {
  const started = Date.now();
  const args = ['apply', '-no-color', '-lock-timeout=0s', `-replace=${replace}`];
  const child = spawn('terraform', args, {
    cwd: directory,
    // The scratch project's environment sets TF_INPUT=0 (no prompts); this run must prompt.
    env: { ...env, TF_INPUT: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  // Answering a run that already ended must not crash the test process with EPIPE.
  child.stdin.on('error', () => undefined);
  const output = () => `${Buffer.concat(stdout).toString('utf8')}\n${Buffer.concat(stderr).toString('utf8')}`;
  const result = new Promise<CommandResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({
        command: ['terraform', ...args].join(' '),
        exitCode: code ?? -1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        durationMs: Date.now() - started,
      }),
    );
  });
  let exited: CommandResult | undefined;
  void result.then((value) => (exited = value));
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  try {
    await waitFor(
      async () => {
        if (exited !== undefined)
          throw new Error(`terraform apply ended before its approval prompt (exit ${exited.exitCode}):\n${output()}`);
        return output().includes(PROMPT) ? true : undefined;
      },
      'terraform apply to reach its approval prompt',
      timeoutMs,
    );
  } catch (error) {
    killGroup();
    throw error;
  }
  const answer = (text: string) => {
    child.stdin.end(`${text}\n`);
    return result;
  };
  return {
    output,
    answer,
    release: () => (exited === undefined ? answer('no') : result),
    crash: () => {
      killGroup();
      return result;
    },
  };
}

/** The `.tflock` object's lock info, if the object exists. */
export async function heldLockfile(project: ScratchProject, environment: string): Promise<LockInfo | undefined> {
  const { lockfileKey } = project.project.names.environments[environment]!;
  try {
    const object = await project.aws.s3.send(
      new GetObjectCommand({ Bucket: project.project.names.stateBucket, Key: lockfileKey }),
    );
    return readableLockInfo(await object.Body!.transformToString('utf-8'));
  } catch (error) {
    if (isMissingObject(error)) return undefined;
    throw error;
  }
}

/** How many times a `.tflock` object was written or deleted: grows with every run that takes the S3 lock. */
export async function lockfileWrites(project: ScratchProject, environment: string): Promise<number> {
  const { lockfileKey } = project.project.names.environments[environment]!;
  const listing = await project.aws.s3.send(
    new ListObjectVersionsCommand({ Bucket: project.project.names.stateBucket, Prefix: lockfileKey }),
  );
  const versions = (listing.Versions ?? []).filter((version) => version.Key === lockfileKey);
  const markers = (listing.DeleteMarkers ?? []).filter((marker) => marker.Key === lockfileKey);
  return versions.length + markers.length;
}

/** The current state object of an environment, parsed. */
export interface StateSnapshot {
  readonly serial: number;
  readonly lineage: string;
  /** `type.name` of every resource, sorted. */
  readonly addresses: readonly string[];
}

export async function currentState(project: ScratchProject, environment: string): Promise<StateSnapshot> {
  const { stateKey } = project.project.names.environments[environment]!;
  const object = await project.aws.s3.send(
    new GetObjectCommand({ Bucket: project.project.names.stateBucket, Key: stateKey }),
  );
  const state = JSON.parse(await object.Body!.transformToString('utf-8')) as {
    serial: number;
    lineage: string;
    resources: Array<{ type: string; name: string }>;
  };
  return {
    serial: state.serial,
    lineage: state.lineage,
    addresses: state.resources.map((resource) => `${resource.type}.${resource.name}`).sort(),
  };
}

/** The backend Terraform was last initialized with in a stack's directory (`.terraform/terraform.tfstate`). */
export function initializedBackend(
  project: ScratchProject,
  stack: string,
): { type: string; config: Record<string, unknown> } {
  const file = path.join(project.stackDirectory(stack), '.terraform', 'terraform.tfstate');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { backend: { type: string; config: Record<string, unknown> } })
    .backend;
}

/** `npm run locks -- <args>` as a user runs it: the real entry point, in the project's directory and environment. */
export function locksCli(project: ScratchProject, args: readonly string[]): Promise<CommandResult> {
  return runCommand(process.execPath, ['scripts/run-app.js', 'tools/locks/cli.ts', ...args], {
    cwd: project.directory,
    env: project.env,
    timeoutMs: 120_000,
  });
}

/** The same CLI in-process (runLocksCli), against the scratch project's configuration and emulator. */
export async function locksInProcess(project: ScratchProject, args: readonly string[]): Promise<CommandResult> {
  const io = new FakeIo();
  const started = Date.now();
  const exitCode = await runLocksCli(args, io, { project: project.project, env: project.env });
  return {
    command: `locks ${args.join(' ')}`,
    exitCode,
    stdout: io.stdout,
    stderr: io.stderr,
    durationMs: Date.now() - started,
  };
}
