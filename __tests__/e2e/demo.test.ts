import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectConfig } from '../../config/project';
import { validateProject } from '../../naming/project';
import { runCommand, type CommandResult } from '../../tools/terraform/run';
import { output, runTerraformEnv } from './support/e2e';
import { processAlive } from '../../tools/emulator/emulator-process';
import { answers } from './support/processes';

// `npm run demo`, for real, as a newcomer runs it: twice at once (each starts its own moto), once
// plain and once with --keep. Both deploy the user's config/project.ts names on their own emulator.
// Then, quickly, what a newcomer without the prerequisites sees.
jest.setTimeout(600_000);

const ROOT = path.resolve(__dirname, '../..');
const project = validateProject(projectConfig);
const { stateBucket, lockTable } = project.names;
const environments = Object.keys(projectConfig.environments);

/** What the demo must never change: the user's bootstrap state and synth output at the project root. */
function rootFingerprint(): Record<string, string> {
  const fingerprint: Record<string, string> = {};
  for (const name of fs.readdirSync(ROOT)) {
    const file = path.join(ROOT, name);
    if (/tfstate/.test(name)) fingerprint[name] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    if (/^\.terraform/.test(name)) fingerprint[name] = 'present';
  }
  const walk = (directory: string): void => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const stat = fs.lstatSync(full);
        fingerprint[path.relative(ROOT, full)] = `${stat.size}:${stat.mtimeMs}`;
      }
    }
  };
  if (fs.existsSync(path.join(ROOT, 'cdktf.out'))) walk(path.join(ROOT, 'cdktf.out'));
  return fingerprint;
}

interface DemoRun {
  readonly result: CommandResult;
  readonly text: string;
  readonly endpoint: string;
  readonly pid: number;
  readonly workDirectory: string;
}

function match(text: string, pattern: RegExp, what: string): string {
  const found = pattern.exec(text)?.[1];
  if (found === undefined) throw new Error(`the demo's output does not show ${what}:\n${text}`);
  return found;
}

async function demo(args: readonly string[]): Promise<DemoRun> {
  const { AWS_ENDPOINT_URL: _notSet, ...base } = process.env;
  const result = await runCommand('npm', ['run', 'demo', ...(args.length > 0 ? ['--', ...args] : [])], {
    cwd: ROOT,
    // A newcomer's shell, except HOME: npm keeps its logs there, and tests write nothing in the user's home.
    env: { ...base, HOME: runTerraformEnv().HOME },
    timeoutMs: 500_000,
  });
  const text = output(result);
  return {
    result,
    text,
    endpoint: match(text, /moto_server at (http:\/\/127\.0\.0\.1:\d+)/, 'the endpoint'),
    pid: Number(match(text, /moto_server at \S+, PID (\d+)/, 'the PID')),
    workDirectory: path.dirname(match(text, /Full log: (\S+)/, 'the log file')),
  };
}

describe('a full run', () => {
  let before: Record<string, string>;
  let plain: DemoRun;
  let kept: DemoRun;

  beforeAll(async () => {
    before = rootFingerprint();
    [plain, kept] = await Promise.all([demo([]), demo(['--keep'])]);
  });

  afterAll(() => {
    if (kept === undefined) return;
    if (processAlive(kept.pid)) process.kill(kept.pid, 'SIGKILL');
    fs.rmSync(kept.workDirectory, { recursive: true, force: true });
  });

  describe.each([
    ['npm run demo', () => plain],
    ['npm run demo -- --keep', () => kept],
  ])('%s', (_, run) => {
    test('exits 0 after every step, each shown with its timing', () => {
      const { result, text } = run();
      expect({ exitCode: result.exitCode, text }).toEqual({ exitCode: 0, text: expect.stringContaining('\nDone in ') });
      const steps = [...text.matchAll(/^\[(\d+)\/(\d+)\] (.+)$/gm)].map((step) => step[3]);
      expect(steps.slice(0, 8)).toEqual([
        'Check prerequisites and config/project.ts',
        expect.stringMatching(/^Prepare Terraform/),
        'Start the emulator',
        'Copy the project into a scratch directory',
        'Synthesize in emulator mode',
        expect.stringMatching(/^Deploy the bootstrap \(about 70 s/),
        `Deploy ${environments.join(' and ')}`,
        'Read back what exists, with the AWS SDK',
      ]);
      expect(text.match(/^ {6}done in \d+\.\d s/gm)).toHaveLength(steps.length);
      expect(text).not.toContain('FAILED');
    });

    test('deploys with the cdktf CLI, as a user would', () => {
      const { text } = run();
      expect(text).toContain('$ npx cdktf synth');
      // No --skip-provider-lock, offline: the committed .terraform.lock.hcl is in every stack's directory.
      expect(text).toContain('$ npx cdktf deploy bootstrap --auto-approve');
      expect(text).not.toContain('--skip-provider-lock');
      expect(text).toContain(`$ npx cdktf deploy ${environments.join(' ')} --auto-approve`);
    });

    test("prints the user's bucket and table, each environment's state key with its size and versions", () => {
      const { text } = run();
      expect(text).toMatch(
        new RegExp(`State bucket +${stateBucket} +\\(versioning Enabled, default encryption aws:kms\\)`),
      );
      expect(text).toMatch(new RegExp(`Lock table +${lockTable} +\\(ACTIVE, ${environments.length} items\\)`));
      for (const environment of environments) {
        const { stateKey } = project.names.environments[environment]!;
        // One version, or more: during the example workload's minute-long wait for its lifecycle rules,
        // Terraform also writes the state it has so far.
        expect(text).toMatch(
          new RegExp(`${environment} +s3://${stateBucket}/${stateKey} +\\d+ bytes, (1 version|\\d+ versions)\\b`),
        );
      }
    });

    test('prints the digest items and that no lock is held', () => {
      const { text } = run();
      for (const environment of environments) {
        const { digestId } = project.names.environments[environment]!;
        expect(text).toMatch(
          new RegExp(`${digestId} +Digest [0-9a-f]{32} +\\(${environment}'s state MD5, not a lock\\)`),
        );
      }
      expect(text).toContain('No lock item is held');
      expect(text).not.toContain('LOCK HELD');
    });

    test('prints how to look at it: aws s3 ls, dynamodb scan and the lock tool', () => {
      const { text, endpoint, workDirectory } = run();
      expect(text).toContain(`aws --endpoint-url ${endpoint} s3 ls s3://${stateBucket} --recursive`);
      expect(text).toContain(`aws --endpoint-url ${endpoint} dynamodb scan --table-name ${lockTable}`);
      expect(text).toContain(
        `cd ${path.join(workDirectory, 'project')} && AWS_ENDPOINT_URL=${endpoint} npm run locks -- list`,
      );
    });
  });

  describe('npm run demo', () => {
    test('stops its emulator at the end: the PID is gone and nothing answers', async () => {
      expect(plain.text).toMatch(
        new RegExp(`Stop the emulator\\n {6}done in \\d+\\.\\d s: PID ${plain.pid} has exited`),
      );
      expect(processAlive(plain.pid)).toBe(false);
      expect(await answers(plain.endpoint)).toBe(false);
    });

    test('removes its scratch directory', () => {
      expect(fs.existsSync(plain.workDirectory)).toBe(false);
    });
  });

  describe('npm run demo -- --keep', () => {
    test('leaves the emulator running and prints its endpoint, PID, the scratch directory and how to stop it', async () => {
      expect(processAlive(kept.pid)).toBe(true);
      expect(await answers(kept.endpoint)).toBe(true);
      expect(kept.text).toContain(`endpoint           ${kept.endpoint}`);
      expect(kept.text).toContain(`PID                ${kept.pid}`);
      expect(kept.text).toContain(`scratch project    ${path.join(kept.workDirectory, 'project')}`);
      expect(kept.text).toContain(`kill ${kept.pid} && rm -rf ${kept.workDirectory}`);
    });

    test('the printed lock tool command works from the scratch directory', async () => {
      const { AWS_ENDPOINT_URL: _notSet, ...base } = process.env;
      const list = await runCommand('npm', ['run', 'locks', '--', 'list'], {
        cwd: path.join(kept.workDirectory, 'project'),
        env: { ...base, AWS_ENDPOINT_URL: kept.endpoint },
        timeoutMs: 60_000,
      });
      expect({ exitCode: list.exitCode, stderr: list.stderr }).toEqual({ exitCode: 0, stderr: '' });
      for (const environment of environments) expect(list.stdout).toMatch(new RegExp(`^${environment} +free\\b`, 'm'));
    });

    test('the printed terraform command reads the environment state from the emulator', async () => {
      const command = match(kept.text, /^ {2}(terraform -chdir=\S+ state list)$/m, 'the terraform command');
      const list = await runCommand('sh', ['-c', command], { cwd: ROOT, env: process.env, timeoutMs: 60_000 });
      expect(list.exitCode).toBe(0);
      expect(list.stdout).toContain('aws_s3_bucket.');
    });

    // The AWS CLI is not a prerequisite of the project; where it is installed, its printed commands must work.
    const awsCli = spawnSync('aws', ['--version']).status === 0;
    (awsCli ? test : test.skip)('the printed aws commands list the state objects and the digest items', async () => {
      const exports = match(
        kept.text,
        /^ {2}(export AWS_ACCESS_KEY_ID=\S+ AWS_SECRET_ACCESS_KEY=\S+ AWS_DEFAULT_REGION=\S+)/m,
        'the credentials',
      );
      const lines = kept.text.split('\n').map((line) => line.trim());
      const ls = lines.find((line) => line.startsWith('aws ') && line.includes(' s3 ls '))!;
      const scan = lines.find((line) => line.startsWith('aws ') && line.includes(' dynamodb scan '))!;
      const { AWS_ENDPOINT_URL: _notSet, AWS_PROFILE: _noProfile, ...base } = process.env;
      const run = (command: string) =>
        runCommand('sh', ['-c', `${exports} && ${command}`], { cwd: ROOT, env: base, timeoutMs: 60_000 });
      const [listing, items] = await Promise.all([run(ls), run(scan)]);
      expect(listing.exitCode).toBe(0);
      for (const environment of environments)
        expect(listing.stdout).toContain(project.names.environments[environment]!.stateKey);
      expect(items.exitCode).toBe(0);
      for (const environment of environments)
        expect(items.stdout).toContain(project.names.environments[environment]!.digestId);
    });

    test('the printed stop command stops it', async () => {
      const stop = match(kept.text, /^ {2}(kill \d+ && rm -rf \S+)$/m, 'the stop command');
      expect((await runCommand('sh', ['-c', stop], { cwd: ROOT, env: process.env })).exitCode).toBe(0);
      const deadline = Date.now() + 10_000;
      while (processAlive(kept.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(processAlive(kept.pid)).toBe(false);
      expect(fs.existsSync(kept.workDirectory)).toBe(false);
    });
  });

  test("neither run touched the project root's bootstrap state or cdktf.out", () => {
    expect(rootFingerprint()).toEqual(before);
  });
});

/** PATH without the directories holding these commands. */
function pathWithout(commands: readonly string[]): string {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((directory) => !commands.some((command) => fs.existsSync(path.join(directory, command))))
    .join(path.delimiter);
}

/** The demo's entry, run with node directly, so PATH can lack anything. */
function demoWithEnv(env: NodeJS.ProcessEnv, args: readonly string[] = []): Promise<CommandResult> {
  return runCommand(process.execPath, ['scripts/run-app.js', 'tools/demo/demo.ts', ...args], {
    cwd: ROOT,
    env,
    timeoutMs: 120_000,
  });
}

function keptDirectory(text: string): string | undefined {
  return /The scratch directory and logs are kept: (\S+)/.exec(text)?.[1];
}

describe('missing prerequisites', () => {
  test('without terraform and moto_server: exit 1 at step 1, naming what to install; no emulator is started', async () => {
    const result = await demoWithEnv({ ...process.env, PATH: pathWithout(['terraform', 'moto_server']) });
    const text = output(result);
    const kept = keptDirectory(text);
    if (kept !== undefined) fs.rmSync(kept, { recursive: true, force: true });
    expect(result.exitCode).toBe(1);
    expect(text).toContain('Step 1 "Check prerequisites and config/project.ts" failed.');
    expect(text).toContain(
      'terraform is not on PATH: install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install)',
    );
    expect(text).toContain("moto_server is not on PATH: install the moto AWS emulator with pip install 'moto[server]'");
    expect(text).not.toContain('Start the emulator');
  });

  test('with TF_PROVIDER_MIRROR at a directory without the provider: says which directory it expected', async () => {
    const result = await demoWithEnv({ ...process.env, TF_PROVIDER_MIRROR: '/nonexistent-mirror' });
    const text = output(result);
    const kept = keptDirectory(text);
    if (kept !== undefined) fs.rmSync(kept, { recursive: true, force: true });
    expect(result.exitCode).toBe(1);
    expect(text).toContain('TF_PROVIDER_MIRROR=/nonexistent-mirror does not hold registry.terraform.io/hashicorp/aws');
    expect(text).not.toContain('Start the emulator');
  });

  test('a mistyped option: exit 2 with the usage', async () => {
    const result = await demoWithEnv(process.env, ['--kep']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('demo: unknown option --kep');
    expect(result.stderr).toContain('Usage: npm run demo [-- --keep]');
  });
});
