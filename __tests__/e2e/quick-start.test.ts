import * as fs from 'node:fs';
import * as path from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { projectConfig } from '../../config/project';
import { validateProject } from '../../naming/project';
import { awsClients } from '../../tools/aws/clients';
import { emulatorPaths, readEmulatorState, type EmulatorState } from '../../tools/emulator/emulator-files';
import { copyProject } from '../../tools/project-copy';
import { startCommand, type CommandResult, type StartedCommand } from '../../tools/terraform/run';
import { QUICK_START_HEADING, shellBlockUnder } from '../support/readme-blocks';
import { E2E_VARIABLES } from './support/e2e';
import { processAlive } from '../../tools/emulator/emulator-process';
import { answers } from './support/processes';

// The README's quick start, as a newcomer pastes it: its shell block, verbatim, in one `bash -e`, in a
// fresh copy of the project, with a HOME of its own, PATH as is and no Terraform CLI configuration
// inherited. The block starts its own emulator (npm run emulator), so this file needs no useEmulator().
// moto keeps everything in memory and the block's last line stops it, so the script pauses just before
// that line while this test reads bootstrap, dev and prod back from the emulator with the AWS SDK.
jest.setTimeout(1_000_000);

const ROOT = path.resolve(__dirname, '../..');
const { names } = validateProject(projectConfig);
const environments = Object.keys(projectConfig.environments);

const block = shellBlockUnder(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), QUICK_START_HEADING) ?? '';
const lines = block.trimEnd().split('\n');

let directory: string;
let project: string;
let home: string;
let pausedFile: string;
let resumeFile: string;
let run: StartedCommand | undefined;
let result: CommandResult | undefined;
let whilePaused: EmulatorState | undefined;
interface ReadBack {
  bucket: boolean;
  table: boolean;
  states: Record<string, { resources: string[] } | undefined>;
  /** Each stack's .terraform.lock.hcl after its deploy (undefined: none). */
  locks: Record<string, string | undefined>;
}
let readBack: ReadBack | undefined;

function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The user's environment, minus what would aim the block elsewhere or share Terraform's caches. */
function newcomerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(CDKTF_|E2E_)/.test(key)) continue;
    // CI: a newcomer's shell has none, and without it the cdktf CLI draws its terminal UI (no TTY here either).
    if (['TF_CLI_CONFIG_FILE', 'TF_PLUGIN_CACHE_DIR', 'AWS_ENDPOINT_URL', 'CI'].includes(key)) continue;
    env[key] = value;
  }
  return { ...env, HOME: home };
}

async function waitFor(condition: () => boolean, done: Promise<unknown>): Promise<boolean> {
  let finished = false;
  void done.then(() => (finished = true));
  while (!condition()) {
    if (finished) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return true;
}

async function readStates(): Promise<ReadBack> {
  const state = readEmulatorState(emulatorPaths(project));
  if (state === undefined) throw new Error('the quick start recorded no emulator in .emulator/state.json');
  whilePaused = state;
  const { s3, dynamodb } = awsClients(projectConfig.stateRegion, { AWS_ENDPOINT_URL: state.endpoint });
  const exists = (work: Promise<unknown>) =>
    work.then(
      () => true,
      () => false,
    );
  const states: Record<string, { resources: string[] } | undefined> = {};
  for (const environment of environments) {
    const key = names.environments[environment]?.stateKey ?? '';
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: names.stateBucket, Key: key }));
      const body = JSON.parse((await object.Body?.transformToString()) ?? '{}') as {
        resources?: Array<{ type: string }>;
      };
      states[environment] = { resources: (body.resources ?? []).map((resource) => resource.type) };
    } catch {
      states[environment] = undefined;
    }
  }
  const locks: Record<string, string | undefined> = {};
  for (const stack of ['bootstrap', ...environments]) {
    const lockFile = path.join(project, 'cdktf.out.emulator', 'stacks', stack, '.terraform.lock.hcl');
    locks[stack] = fs.existsSync(lockFile) ? fs.readFileSync(lockFile, 'utf8') : undefined;
  }
  return {
    bucket: await exists(s3.send(new HeadBucketCommand({ Bucket: names.stateBucket }))),
    table: await exists(dynamodb.send(new DescribeTableCommand({ TableName: names.lockTable }))),
    states,
    locks,
  };
}

beforeAll(async () => {
  const workDir = process.env[E2E_VARIABLES.workDir];
  if (!workDir) throw new Error(`${E2E_VARIABLES.workDir} is not set: run through jest's e2e project`);
  directory = path.join(workDir, 'quick-start');
  fs.rmSync(directory, { recursive: true, force: true });
  project = copyProject(ROOT, path.join(directory, 'project'));
  fs.copyFileSync(path.join(ROOT, 'README.md'), path.join(project, 'README.md'));
  home = path.join(directory, 'home');
  fs.mkdirSync(home, { recursive: true });
  pausedFile = path.join(directory, 'paused');
  resumeFile = path.join(directory, 'resume');

  // The block's lines as written, with one line inserted before the last (which stops the emulator).
  const pause = `: > ${singleQuoted(pausedFile)}; i=0; while [ ! -e ${singleQuoted(resumeFile)} ] && [ $i -lt 1200 ]; do sleep 0.25; i=$((i+1)); done`;
  const script = path.join(directory, 'quick-start.sh');
  fs.writeFileSync(script, [...lines.slice(0, -1), pause, lines.at(-1) ?? '', ''].join('\n'));

  run = startCommand('bash', ['-e', script], { cwd: project, env: newcomerEnv(), timeoutMs: 900_000 });
  if (await waitFor(() => fs.existsSync(pausedFile), run.result)) {
    try {
      readBack = await readStates();
    } finally {
      fs.writeFileSync(resumeFile, '');
    }
  }
  result = await run.result;
});

afterAll(() => {
  run?.kill('SIGKILL');
  // If the block failed before its last line, its emulator is still running: stop it (ours, by its PID).
  const left = project === undefined ? undefined : readEmulatorState(emulatorPaths(project));
  if (left !== undefined && processAlive(left.pid)) process.kill(left.pid, 'SIGTERM');
});

test('the block runs to the end with bash -e', () => {
  expect(lines.length).toBeGreaterThan(2);
  if (result?.exitCode !== 0) {
    throw new Error(
      `bash -e exited with ${result?.exitCode}\n--- stdout ---\n${result?.stdout}\n--- stderr ---\n${result?.stderr}`,
    );
  }
});

test('the bootstrap exists on the emulator: the state bucket and the lock table', () => {
  expect(readBack).toMatchObject({ bucket: true, table: true });
});

test.each(environments)(
  '%s exists on the emulator: its state in the bucket, with the example workload, its bucket and lifecycle rules',
  (environment) => {
    expect(readBack?.states[environment]?.resources).toEqual(
      expect.arrayContaining(['aws_s3_bucket', 'aws_s3_bucket_lifecycle_configuration']),
    );
  },
);

test('offline and without --skip-provider-lock, every stack deployed with the committed provider lock, unchanged', () => {
  const committed = fs.readFileSync(path.join(ROOT, '.terraform.lock.hcl'), 'utf8');
  for (const stack of ['bootstrap', ...environments])
    expect({ stack, lock: readBack?.locks[stack] }).toEqual({ stack, lock: committed });
});

test('npm run locks -- list shows every environment, free', () => {
  for (const environment of environments) {
    expect(result?.stdout).toMatch(new RegExp(`^${environment}\\s+free\\s`, 'm'));
  }
});

test('the emulator is stopped at the end, and its files are gone but its log', async () => {
  expect(whilePaused).toBeDefined();
  const { pid, endpoint } = whilePaused!;
  expect(processAlive(pid)).toBe(false);
  expect(await answers(endpoint)).toBe(false);
  expect(fs.readdirSync(path.join(project, '.emulator'))).toEqual([path.basename(whilePaused!.logFile)]);
  expect(fs.existsSync(path.join(project, 'cdktf.out.emulator'))).toBe(false);
  expect(fs.existsSync(path.join(project, 'terraform.bootstrap.emulator.tfstate'))).toBe(false);
});

test("the project's own synth output and bootstrap state were never touched", () => {
  expect(fs.existsSync(path.join(project, 'cdktf.out'))).toBe(false);
  expect(fs.existsSync(path.join(project, 'terraform.bootstrap.tfstate'))).toBe(false);
});

test('no plugin cache in the home directory: the cdktf CLI was told not to set one', () => {
  expect(fs.existsSync(path.join(home, '.terraform.d', 'plugin-cache'))).toBe(false);
});
