import * as fs from 'node:fs';
import * as path from 'node:path';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import type { ProjectConfig } from '../../../config/types';
import { startEmulator, type RunningEmulator } from '../../../tools/emulator/moto';
import { ScratchProject } from '../../../tools/emulator/scratch-project';
import type { CommandResult } from '../../../tools/terraform/run';

/** How global-setup hands the run's work directory and Terraform settings to the test workers. */
export const E2E_VARIABLES = {
  workDir: 'E2E_WORK_DIR',
  /** JSON of the variables prepareTerraform set (or removed), applied to each worker's own environment. */
  terraformEnv: 'E2E_TERRAFORM_ENV',
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

/** moto's account: what AWS reports for any credentials there. */
export const EMULATOR_ACCOUNT_ID = '123456789012';

function variable(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the e2e tests through jest (npm run test:e2e), which starts the emulator`);
  return value;
}

let fileEmulator: RunningEmulator | undefined;

/**
 * Gives the calling test file its own moto server, started before its tests and stopped (by
 * PID) after them. Files run in parallel; separate servers keep one file's load and state out
 * of another's, and each server's log (in the run's work directory) tells one file's story.
 */
export function useEmulator(env: NodeJS.ProcessEnv = {}): void {
  beforeAll(async () => {
    fileEmulator = await startEmulator({ logDirectory: variable(E2E_VARIABLES.workDir), env });
  }, 60_000);
  afterAll(async () => {
    await fileEmulator?.stop();
  });
}

export function emulatorEndpoint(): string {
  if (fileEmulator === undefined) throw new Error('call useEmulator() at the top of the test file');
  return fileEmulator.endpoint;
}

/** The scratch projects' own workload, copied into their workloads/ (see the file for why). */
export const E2E_WORKLOAD = 'e2e-bucket';
const E2E_WORKLOAD_FILE = path.join(__dirname, 'workloads', `${E2E_WORKLOAD}.ts`);

/** A configuration for a scratch project; `name` keeps bucket and table names apart between test files. */
export function e2eConfig(name: string, overrides: Partial<ProjectConfig> = {}): ProjectConfig {
  return {
    project: `e2e-${name}`,
    stateRegion: 'us-east-1',
    accountId: EMULATOR_ACCOUNT_ID,
    tags: { Suite: 'e2e' },
    environments: {
      dev: { region: 'us-east-1', workloads: [E2E_WORKLOAD] },
      prod: { region: 'us-east-1', workloads: [E2E_WORKLOAD] },
    },
    ...overrides,
  };
}

/** A scratch copy of this project aimed at the run's emulator. */
export function scratchProject(name: string, config: ProjectConfig = e2eConfig(name)): ScratchProject {
  return scratchProjectAt(name, emulatorEndpoint(), config);
}

/** Like scratchProject(), aimed at `endpoint` instead of the run's emulator (e.g. a port nothing listens on). */
export function scratchProjectAt(
  name: string,
  endpoint: string,
  config: ProjectConfig = e2eConfig(name),
): ScratchProject {
  const directory = path.join(variable(E2E_VARIABLES.workDir), name);
  fs.rmSync(directory, { recursive: true, force: true });
  const project = new ScratchProject({
    source: path.resolve(__dirname, '../../..'),
    directory,
    config,
    endpoint,
    terraformEnv: runTerraformEnv(),
  });
  fs.copyFileSync(E2E_WORKLOAD_FILE, path.join(project.directory, 'workloads', `${E2E_WORKLOAD}.ts`));
  return project;
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
