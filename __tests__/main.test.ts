import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyProject, projectConfigSource, writeProjectConfig } from '../tools/project-copy';
import { runCommand } from '../tools/terraform/run';
import { testConfig } from './support/test-config';

// The app command exactly as cdktf runs it, in a scratch copy of the project.
const ROOT = path.resolve(__dirname, '..');
let scratch: string;

beforeAll(() => {
  scratch = copyProject(ROOT, fs.mkdtempSync(path.join(os.tmpdir(), 'app-command-')));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function runApp(outdir: string, env: NodeJS.ProcessEnv = {}) {
  const { AWS_ENDPOINT_URL: _unset, ...base } = process.env;
  return runCommand(process.execPath, ['scripts/run-app.js', 'main.ts'], {
    cwd: scratch,
    env: { ...base, ...env, CDKTF_OUTDIR: outdir },
  });
}

test('a valid configuration synthesizes one stack directory per stack', async () => {
  writeProjectConfig(scratch, projectConfigSource(testConfig()));
  const outdir = path.join(scratch, 'out-valid');
  const result = await runApp(outdir);
  expect(result.exitCode).toBe(0);
  expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['bootstrap', 'dev', 'prod']);
});

test('a rejected configuration exits non-zero with one clear message and writes no stack', async () => {
  writeProjectConfig(scratch, projectConfigSource(testConfig({ stateBucketName: 'Acme_State' })));
  const outdir = path.join(scratch, 'out-invalid');
  const result = await runApp(outdir);
  expect(result.exitCode).toBe(1);
  expect(result.stderr).toContain('Invalid configuration in config/project.ts; nothing was synthesized:');
  expect(result.stderr).toContain('stateBucketName = "Acme_State": S3 bucket names may contain only lowercase letters');
  // A message for the user, not a stack trace.
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(fs.existsSync(path.join(outdir, 'stacks'))).toBe(false);
});

test('a mistyped region is refused with a suggestion, naming each field, and writes no stack', async () => {
  writeProjectConfig(
    scratch,
    projectConfigSource(testConfig({ stateRegion: 'eu-wset-1', environments: { dev: { region: 'us-east-9' } } })),
  );
  const outdir = path.join(scratch, 'out-region');
  const result = await runApp(outdir);
  expect(result.exitCode).toBe(1);
  expect(result.stderr).toContain('stateRegion = "eu-wset-1": must be an AWS region such as "us-east-1"');
  expect(result.stderr).toContain('did you mean "eu-west-1"?');
  expect(result.stderr).toContain('environments.dev.region = "us-east-9"');
  expect(result.stderr).toContain('did you mean "us-east-1" or "us-east-2"?');
  expect(fs.existsSync(outdir)).toBe(false);
});

test('an invalid AWS_ENDPOINT_URL is rejected the same way', async () => {
  writeProjectConfig(scratch, projectConfigSource(testConfig()));
  const outdir = path.join(scratch, 'out-endpoint');
  const result = await runApp(outdir, { AWS_ENDPOINT_URL: 'localhost:5000' });
  expect(result.exitCode).toBe(1);
  expect(result.stderr).toContain('AWS_ENDPOINT_URL = "localhost:5000"');
  expect(fs.existsSync(path.join(outdir, 'stacks'))).toBe(false);
});

test('with AWS_ENDPOINT_URL set, main.ts applies emulator mode to every stack', async () => {
  writeProjectConfig(scratch, projectConfigSource(testConfig()));
  const outdir = path.join(scratch, 'out-emulator');
  const result = await runApp(outdir, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' });
  expect(result.exitCode).toBe(0);
  const stack = (name: string) =>
    JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as {
      provider: { aws: Array<{ endpoints?: unknown }> };
      terraform: { backend: Record<string, { endpoints?: unknown; path?: string }> };
    };
  for (const name of ['bootstrap', 'dev', 'prod']) {
    expect(stack(name).provider.aws[0]?.endpoints).toEqual([expect.objectContaining({ s3: 'http://127.0.0.1:4566' })]);
  }
  expect(stack('dev').terraform.backend.s3?.endpoints).toEqual(
    expect.objectContaining({ s3: 'http://127.0.0.1:4566' }),
  );
});
