import * as path from 'node:path';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import type { ProjectConfig } from '../../../config/types';
import { startEmulator, type RunningEmulator } from '../../../tools/emulator/moto';
import type { ScratchProject } from '../../../tools/emulator/scratch-project';
import type { CommandResult } from '../../../tools/terraform/run';
import { e2eConfig, scratchProjectIn } from './scratch';
import { sharedBootstrapReady, sharedConfig, sharedScratchProject } from './shared-bootstrap';

export { E2E_WORKLOAD, EMULATOR_ACCOUNT_ID, e2eConfig } from './scratch';
export { sharedConfig } from './shared-bootstrap';

/** How global-setup hands the run's work directory, Terraform settings and emulator to the test workers. */
export const E2E_VARIABLES = {
  workDir: 'E2E_WORK_DIR',
  /** JSON of the variables prepareTerraform set (or removed), applied to each worker's own environment. */
  terraformEnv: 'E2E_TERRAFORM_ENV',
  /** The run's emulator, shared by the files (AWS_ENDPOINT_URL for their scratch projects). */
  emulator: 'E2E_EMULATOR_ENDPOINT',
} as const;

/** What `env` sets differently from this process's environment (null: removed). */
export function terraformSettings(env: NodeJS.ProcessEnv): Record<string, string | null> {
  const keys = new Set([...Object.keys(env), ...Object.keys(process.env)]);
  return Object.fromEntries(
    [...keys].filter((key) => env[key] !== process.env[key]).map((key) => [key, env[key] ?? null]),
  );
}

/** This worker's environment with the run's Terraform settings applied. */
export function runTerraformEnv(): NodeJS.ProcessEnv {
  const settings = JSON.parse(variable(E2E_VARIABLES.terraformEnv)) as Record<string, string | null>;
  const removed = new Set(Object.keys(settings).filter((key) => settings[key] === null));
  const set = Object.entries(settings).filter((entry): entry is [string, string] => entry[1] !== null);
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !removed.has(key))),
    ...Object.fromEntries(set),
  };
}

function variable(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the e2e tests through jest (npm run test:e2e), which starts the emulator`);
  return value;
}

export function workDirectory(): string {
  return variable(E2E_VARIABLES.workDir);
}

let ownEmulator: RunningEmulator | undefined;

/**
 * The calling file works on the run's emulator (started once by global-setup): every file keeps
 * to names of its own (project, or state keys on the shared bootstrap), so files do not meet,
 * whether they run one after another or at once.
 */
export function useEmulator(): void {
  // Nothing to start: a function, so that every file says where its AWS is.
}

/**
 * The calling file gets a moto server of its own, started before its tests and stopped (by PID)
 * after them: for a file that changes how the whole server behaves (e.g. switches on its IAM
 * enforcement), which would break every other file on a shared one.
 */
export function useOwnEmulator(env: NodeJS.ProcessEnv = {}): void {
  beforeAll(async () => {
    ownEmulator = await startEmulator({ logDirectory: workDirectory(), env });
  }, 60_000);
  afterAll(async () => {
    await ownEmulator?.stop();
    ownEmulator = undefined;
  });
}

export function emulatorEndpoint(): string {
  return ownEmulator?.endpoint ?? variable(E2E_VARIABLES.emulator);
}

/** A scratch copy of this project aimed at the file's emulator. */
export function scratchProject(name: string, config: ProjectConfig = e2eConfig(name)): ScratchProject {
  return scratchProjectAt(name, emulatorEndpoint(), config);
}

/** Like scratchProject(), aimed at `endpoint` instead of the file's emulator (e.g. a port nothing listens on). */
export function scratchProjectAt(
  name: string,
  endpoint: string,
  config: ProjectConfig = e2eConfig(name),
): ScratchProject {
  return scratchProjectIn(path.join(workDirectory(), name), endpoint, config, runTerraformEnv());
}

/**
 * The calling file uses the run's shared bootstrap (support/shared-bootstrap.ts): its beforeAll
 * waits until it is deployed (started by global-setup while other files run).
 */
export function useSharedBootstrap(): void {
  beforeAll(async () => {
    await sharedBootstrapReady(workDirectory(), variable(E2E_VARIABLES.emulator), runTerraformEnv());
  }, 660_000);
}

/** A scratch project of `name` on the shared bootstrap (sharedConfig(name) unless given). */
export function sharedProject(name: string, config: ProjectConfig = sharedConfig(name)): ScratchProject {
  return sharedScratchProject(workDirectory(), name, variable(E2E_VARIABLES.emulator), config, runTerraformEnv());
}

/** Fails with the command's output, so a broken deploy explains itself in the test report. */
export function expectSuccess(result: CommandResult): CommandResult {
  if (result.exitCode !== 0) {
    throw new Error(
      `${result.command} exited with ${result.exitCode}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`,
    );
  }
  return result;
}

export function output(result: CommandResult): string {
  return `${result.stdout}\n${result.stderr}`;
}

export async function bucketExists(project: ScratchProject, bucket: string): Promise<boolean> {
  try {
    await project.aws.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch {
    return false;
  }
}
