import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentConfig, ProjectConfig } from '../../../config/types';
import { ScratchProject } from '../../../tools/emulator/scratch-project';
import type { CommandResult } from '../../../tools/terraform/run';
import { E2E_WORKLOAD, EMULATOR_ACCOUNT_ID, scratchProjectIn } from './scratch';

/**
 * One bootstrap deployed once per run on the run's emulator, shared by the files that need state
 * storage but do not prove anything about the bootstrap itself (locking, the lock tool, locking
 * modes, state restore, drift, preflight). Its creation (a minute, most of it the aws provider's
 * wait on the lifecycle rules) starts in global-setup, while other files run; the first file that
 * needs it waits for it. Each file gets its own state keys under its own prefix
 * (`<file>/dev/terraform.tfstate`), so files never see each other's states, locks or digests,
 * whether they run one after another or at once.
 *
 * What the bootstrap itself does (creation, hardening, guards, version record, state move,
 * teardown) is proven by files that deploy a bootstrap of their own: deploy-flow, bootstrap-day-two,
 * multi-account, cdk-terrain, the demo and the quick start.
 */
export const SHARED_PROJECT = 'e2e-shared';
const SHARED_DIRECTORY = 'shared-bootstrap';
/** Files written next to the shared project: who deploys it, and how that went. */
const CLAIM_FILE = 'claimed';
const RESULT_FILE = 'result.json';
/** Longer than a bootstrap on a busy 2-core machine ever took (about 2 minutes at worst). */
const WAIT_MS = 600_000;

/** The shared bootstrap's replica region (stateReplicaRegion). */
export const SHARED_REPLICA_REGION = 'us-west-2';

/**
 * The shared bootstrap's configuration: dev and prod, in the migration mode, where both lock
 * mechanisms exist, with a replica and access logs (their lifecycle waits run beside the state
 * bucket's: no longer a deploy).
 */
export function sharedBootstrapConfig(): ProjectConfig {
  return {
    project: SHARED_PROJECT,
    stateRegion: 'us-east-1',
    accountId: EMULATOR_ACCOUNT_ID,
    tags: { Suite: 'e2e' },
    locking: 'dynamodb+s3',
    stateReplicaRegion: SHARED_REPLICA_REGION,
    stateAccessLogs: true,
    environments: {
      dev: { region: 'us-east-1', workloads: [E2E_WORKLOAD] },
      prod: { region: 'us-east-1', workloads: [E2E_WORKLOAD] },
    },
  };
}

/**
 * A file's configuration on the shared bootstrap: the same project (so the same bucket, table
 * and record), dev and prod with state keys under `<name>/`, and the file's own settings for
 * what the bootstrap does not decide (e.g. the locking mode of its environments).
 */
export function sharedConfig(
  name: string,
  overrides: Partial<Omit<ProjectConfig, 'project' | 'environments'>> & {
    readonly environments?: Readonly<Record<string, Partial<EnvironmentConfig>>>;
  } = {},
): ProjectConfig {
  const base = sharedBootstrapConfig();
  const { environments: environmentOverrides = {}, ...rest } = overrides;
  const environments = Object.fromEntries(
    Object.entries(base.environments).map(([environment, config]) => [
      environment,
      { ...config, stateKey: `${name}/${environment}/terraform.tfstate`, ...environmentOverrides[environment] },
    ]),
  );
  return { ...base, ...rest, environments };
}

interface SharedBootstrapResult {
  readonly exitCode: number;
  readonly output: string;
}

export function sharedPaths(workDir: string) {
  const directory = path.join(workDir, SHARED_DIRECTORY);
  return {
    directory,
    project: path.join(directory, 'project'),
    claim: path.join(directory, CLAIM_FILE),
    result: path.join(directory, RESULT_FILE),
  };
}

/** Claims the deploy of the shared bootstrap: true for the one caller (of any process) that gets it. */
function claim(workDir: string): boolean {
  const paths = sharedPaths(workDir);
  fs.mkdirSync(paths.directory, { recursive: true });
  try {
    fs.writeFileSync(paths.claim, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function deploy(workDir: string, endpoint: string, terraformEnv: NodeJS.ProcessEnv): Promise<void> {
  const paths = sharedPaths(workDir);
  let result: SharedBootstrapResult;
  try {
    const project = scratchProjectIn(paths.project, endpoint, sharedBootstrapConfig(), terraformEnv);
    // Setup, not a proof of `cdktf deploy` (deploy-flow.test.ts is): the app, then terraform itself.
    const steps: Array<() => Promise<CommandResult>> = [
      () => project.synth(),
      () => project.terraform('bootstrap', ['init', '-input=false']),
      () => project.terraform('bootstrap', ['apply', '-auto-approve', '-input=false']),
    ];
    let last: CommandResult | undefined;
    for (const step of steps) {
      last = await step();
      if (last.exitCode !== 0) break;
    }
    result = { exitCode: last?.exitCode ?? -1, output: `${last?.command}\n${last?.stdout}\n${last?.stderr}` };
  } catch (error) {
    result = { exitCode: -1, output: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  // Written whole, then renamed: a reader never sees half a result.
  fs.writeFileSync(`${paths.result}.tmp`, JSON.stringify(result));
  fs.renameSync(`${paths.result}.tmp`, paths.result);
}

/**
 * Starts the shared bootstrap's deploy unless someone already has (global-setup, or another
 * worker). Returns the deploy when this caller started it, to be awaited or left running.
 */
export function startSharedBootstrap(
  workDir: string,
  endpoint: string,
  terraformEnv: NodeJS.ProcessEnv,
): Promise<void> | undefined {
  return claim(workDir) ? deploy(workDir, endpoint, terraformEnv) : undefined;
}

/** Waits until the shared bootstrap is deployed, starting it if nobody has; fails with its output if it failed. */
export async function sharedBootstrapReady(
  workDir: string,
  endpoint: string,
  terraformEnv: NodeJS.ProcessEnv,
): Promise<void> {
  const paths = sharedPaths(workDir);
  await startSharedBootstrap(workDir, endpoint, terraformEnv);
  const deadline = Date.now() + WAIT_MS;
  while (!fs.existsSync(paths.result)) {
    if (Date.now() > deadline)
      throw new Error(`the shared bootstrap (${paths.project}) was not deployed within ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const result = JSON.parse(fs.readFileSync(paths.result, 'utf8')) as SharedBootstrapResult;
  if (result.exitCode !== 0) {
    throw new Error(
      `the shared bootstrap's deploy (${paths.project}) exited with ${result.exitCode}:\n${result.output}`,
    );
  }
}

/**
 * A scratch project of `name` on the shared bootstrap. It holds a copy of the bootstrap's local
 * state, as a teammate's clone would, so the app sees the bootstrap deployed (no "deploy the
 * bootstrap first" warning); it never deploys the bootstrap itself.
 */
export function sharedScratchProject(
  workDir: string,
  name: string,
  endpoint: string,
  config: ProjectConfig,
  terraformEnv: NodeJS.ProcessEnv,
): ScratchProject {
  if (config.project !== SHARED_PROJECT) {
    throw new Error(`a project on the shared bootstrap must be named ${SHARED_PROJECT} (use sharedConfig())`);
  }
  const project = scratchProjectIn(path.join(workDir, name), endpoint, config, terraformEnv);
  const shared = sharedPaths(workDir);
  const stateFile = path.basename(project.bootstrapStateFile);
  fs.copyFileSync(path.join(shared.project, stateFile), project.bootstrapStateFile);
  return project;
}
