import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import type { ProjectConfig } from '../../config/types';
import { validateProject } from '../../naming/project';
import { copyProject } from '../../tools/project-copy';
import { runCommand } from '../../tools/terraform/run';

// "A new file plus one config line": a scratch copy of the project gets the fixture workload
// (an SSM parameter) as workloads/parameter.ts and `'parameter'` in dev's list, and nothing else.
// The app command, as cdktf runs it (esbuild bundle), then deploys it in dev only; jest, which loads
// workloads/ at run time, finds it the same way.
const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(__dirname, '../fixtures/workloads/parameter.ts');
const DEV_LINE = "    dev: { region: 'us-east-1', tags: { CostCenter: 'engineering' }, workloads: ['app-bucket'] },";

let scratch: string;

function filesUnder(directory: string, base = directory): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return filesUnder(full, base);
    return [path.relative(base, full)];
  });
}

/** Files that differ between the project and the scratch copy (the copy's node_modules is a link). */
function changedFiles(): string[] {
  const copied = filesUnder(scratch).filter((file) => !file.startsWith('node_modules'));
  return copied
    .filter((file) => {
      const original = path.join(ROOT, file);
      return !fs.existsSync(original) || !fs.readFileSync(original).equals(fs.readFileSync(path.join(scratch, file)));
    })
    .sort();
}

function synthesized(outdir: string, stack: string): { resource?: Record<string, Record<string, unknown>> } {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as {
    resource?: Record<string, Record<string, unknown>>;
  };
}

beforeAll(() => {
  scratch = copyProject(ROOT, fs.mkdtempSync(path.join(os.tmpdir(), 'add-a-workload-')));
  fs.copyFileSync(FIXTURE, path.join(scratch, 'workloads', 'parameter.ts'));
  const configFile = path.join(scratch, 'config', 'project.ts');
  const config = fs.readFileSync(configFile, 'utf8');
  expect(config.split('\n')).toContain(DEV_LINE);
  fs.writeFileSync(
    configFile,
    config.replace(DEV_LINE, DEV_LINE.replace("['app-bucket']", "['app-bucket', 'parameter']")),
  );
});

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('the change is one new file in workloads/ and one changed line in config/project.ts', () => {
  expect(changedFiles()).toEqual(['config/project.ts', 'workloads/parameter.ts']);
  const before = fs.readFileSync(path.join(ROOT, 'config', 'project.ts'), 'utf8').split('\n');
  const after = fs.readFileSync(path.join(scratch, 'config', 'project.ts'), 'utf8').split('\n');
  expect(after).toHaveLength(before.length);
  expect(after.filter((line, index) => line !== before[index])).toEqual([
    "    dev: { region: 'us-east-1', tags: { CostCenter: 'engineering' }, workloads: ['app-bucket', 'parameter'] },",
  ]);
});

test('the app command (the esbuild bundle cdktf runs) deploys it in dev, and only there', async () => {
  const outdir = path.join(scratch, 'out');
  const { AWS_ENDPOINT_URL: _unset, ...env } = process.env;
  const result = await runCommand(process.execPath, ['scripts/run-app.js', 'main.ts'], {
    cwd: scratch,
    env: { ...env, CDKTF_OUTDIR: outdir },
  });
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  const dev = synthesized(outdir, 'dev');
  expect(Object.values(dev.resource?.aws_ssm_parameter ?? {})).toEqual([
    expect.objectContaining({ name: '/acme-platform/dev/greeting', type: 'String', value: 'hello from dev' }),
  ]);
  expect(dev.resource).toHaveProperty('aws_s3_bucket');
  expect(synthesized(outdir, 'prod').resource).not.toHaveProperty('aws_ssm_parameter');
});

test('jest finds it the same way: the copy’s own loader, run from source', () => {
  const { addWorkloads } = jest.requireActual<typeof import('../../stacks/workloads')>(
    path.join(scratch, 'stacks', 'workloads.ts'),
  );
  const config: ProjectConfig = {
    project: 'acme',
    stateRegion: 'us-east-1',
    accountId: '111122223333',
    environments: { dev: { region: 'us-east-1', workloads: ['parameter'] } },
  };
  const stack = new TerraformStack(Testing.app(), 'dev');
  addWorkloads(stack, { project: validateProject(config), environment: 'dev' });
  const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, { name?: string }>> };
  expect(Object.values(json.resource.aws_ssm_parameter ?? {}).map((parameter) => parameter.name)).toEqual([
    '/acme/dev/greeting',
  ]);
});

test('an unknown name stops the app with the field, the value, the rule and the available names, and writes nothing', async () => {
  const configFile = path.join(scratch, 'config', 'project.ts');
  const good = fs.readFileSync(configFile, 'utf8');
  fs.writeFileSync(configFile, good.replace("'app-bucket', 'parameter'", "'app-bucket', 'paramter'"));
  try {
    const outdir = path.join(scratch, 'out-unknown');
    const { AWS_ENDPOINT_URL: _unset, ...env } = process.env;
    const result = await runCommand(process.execPath, ['scripts/run-app.js', 'main.ts'], {
      cwd: scratch,
      env: { ...env, CDKTF_OUTDIR: outdir },
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      'Invalid configuration in config/project.ts; nothing was synthesized:\n' +
        '  - environments.dev.workloads[1] = "paramter": there is no file workloads/paramter.ts; ' +
        'available workloads: app-bucket, parameter\n',
    );
    expect(fs.existsSync(outdir)).toBe(false);
  } finally {
    fs.writeFileSync(configFile, good);
  }
});
