import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateProject } from '../../../naming/project';
import { EXIT_DRIFT, EXIT_OK, EXIT_PROBLEM } from '../../../tools/cli/exit-codes';
import { synthOutputDirectory, type CommandRunner } from '../../../tools/drift/check-drift';
import { parseDriftArgs } from '../../../tools/drift/cli-args';
import { actionLabel, parsePlanJson } from '../../../tools/drift/plan-report';
import { runDriftCli } from '../../../tools/drift/run-cli';
import type { CommandResult } from '../../../tools/terraform/run';
import { FakeIo } from '../locks/support/fake-io';
import { testConfig } from '../../support/test-config';

// npm run drift, with Terraform and the app replaced by a recording fake: which commands run where,
// with which flags, and what each of Terraform's answers becomes. On moto, for real: see the report
// of issue 17 (the e2e proof is wired by the shared e2e structure).

const BUCKET = 'aws_s3_bucket.app-bucket_bucket_1A2B3C4D';
const VERSIONING = 'aws_s3_bucket_versioning.app-bucket_versioning_5E6F7A8B';

interface Call {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

function result(exitCode: number, stdout = '', stderr = ''): CommandResult {
  return { command: '', exitCode, stdout, stderr, durationMs: 1 };
}

/** Answers by Terraform subcommand (or `synth`); records every call and the plan file's existence. */
function fakeRunner(answers: Partial<Record<'synth' | 'init' | 'plan' | 'show', CommandResult>>) {
  const calls: Call[] = [];
  let planFile: string | undefined;
  const run: CommandRunner = async (command, args, options) => {
    calls.push({ command, args, cwd: options.cwd, env: options.env });
    const step = command === 'terraform' ? (args[0] as 'init' | 'plan' | 'show') : 'synth';
    if (step === 'plan') {
      planFile = args.find((arg) => arg.startsWith('-out='))?.slice('-out='.length);
      if (planFile !== undefined) fs.writeFileSync(planFile, 'plan');
    }
    return answers[step] ?? result(0);
  };
  return { run, calls, planFile: () => planFile };
}

const PLAN_JSON = JSON.stringify({
  resource_drift: [{ address: VERSIONING, change: { actions: ['update'] } }],
  resource_changes: [
    { address: BUCKET, change: { actions: ['no-op'] } },
    { address: VERSIONING, change: { actions: ['update'] } },
    { address: 'data.aws_ssm_parameters_by_path.x', change: { actions: ['read'] } },
  ],
});

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-test-'));
  fs.writeFileSync(path.join(root, 'cdktf.json'), JSON.stringify({ output: 'cdktf.out' }));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function drift(argv: string[], runner: ReturnType<typeof fakeRunner>, env: NodeJS.ProcessEnv = {}) {
  const io = new FakeIo();
  const code = await runDriftCli(argv, io, {
    context: { project: validateProject(testConfig()), root, env, run: runner.run },
  });
  return { code, io };
}

describe('npm run drift -- <env>', () => {
  test('no drift: synth, init and a detailed-exitcode plan in the stack directory, exit 0', async () => {
    const runner = fakeRunner({ plan: result(0, 'No changes. Your infrastructure matches the configuration.\n') });
    const { code, io } = await drift(['dev'], runner, { AWS_PROFILE: 'x' });
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toContain('No changes.');
    expect(io.stdout).toContain('drift: dev: no drift, the deployed resources match the configuration');
    const [synth, init, plan] = runner.calls;
    expect(synth).toMatchObject({
      command: process.execPath,
      args: [path.join(root, 'scripts', 'run-app.js'), 'main.ts'],
      cwd: root,
    });
    expect(synth!.env).toMatchObject({ CDKTF_OUTDIR: path.join(root, 'cdktf.out'), AWS_PROFILE: 'x' });
    const stack = path.join(root, 'cdktf.out', 'stacks', 'dev');
    expect(init).toMatchObject({ command: 'terraform', args: ['init', '-input=false', '-no-color'], cwd: stack });
    expect(plan!.cwd).toBe(stack);
    expect(plan!.args).toEqual([
      'plan',
      '-detailed-exitcode',
      '-input=false',
      '-lock-timeout=15m',
      `-out=${runner.planFile()}`,
      '-no-color',
    ]);
    expect(runner.calls).toHaveLength(3);
    // The plan file is outside the project and gone afterwards.
    expect(runner.planFile()!.startsWith(root)).toBe(false);
    expect(fs.existsSync(runner.planFile()!)).toBe(false);
  });

  test('drift: exit 2, naming each resource and what a deploy would do, and what changed outside Terraform', async () => {
    const runner = fakeRunner({
      plan: result(2, `  # ${VERSIONING} will be updated in-place\n`),
      show: result(0, PLAN_JSON),
    });
    const { code, io } = await drift(['dev', '--lock-timeout', '5m'], runner);
    expect(code).toBe(EXIT_DRIFT);
    expect(io.stdout).toContain(
      `drift: dev: 1 resource differs from the configuration; a deploy would:\n  ~ update    ${VERSIONING}\n`,
    );
    expect(io.stdout).toContain(`Changed outside Terraform since the last deploy:\n  ~ update    ${VERSIONING}\n`);
    expect(runner.calls[2]!.args).toContain('-lock-timeout=5m');
    expect(runner.calls[3]!.args).toEqual(['show', '-json', runner.planFile(), '-no-color']);
    expect(fs.existsSync(runner.planFile()!)).toBe(false);
  });

  test('--summary appends a Markdown report (the GitHub job summary), the plan folded away', async () => {
    const summary = path.join(root, 'summary.md');
    fs.writeFileSync(summary, '# before\n');
    const runner = fakeRunner({ plan: result(2, 'the plan text'), show: result(0, PLAN_JSON) });
    await drift(['dev', '--summary', summary], runner);
    const text = fs.readFileSync(summary, 'utf8');
    expect(text.startsWith('# before\n### drift: dev\n')).toBe(true);
    expect(text).toContain(`| \`~ update\` | \`${VERSIONING}\` |`);
    expect(text).toContain('<details><summary>terraform plan</summary>');
    expect(text).toContain('the plan text');
  });

  test.each([
    ['synth', 'synth', { synth: result(1, '', 'Invalid configuration in config/project.ts') }],
    [
      'terraform init',
      'terraform init',
      { init: result(1, '', 'Error: Failed to get existing workspaces: AccessDenied') },
    ],
    ['terraform plan', 'terraform plan', { plan: result(1, '', 'Error acquiring the state lock') }],
  ] as const)('a failing %s: exit 1, with what it said, on stderr', async (_, step, answers) => {
    const runner = fakeRunner(answers);
    const { code, io } = await drift(['dev'], runner);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stderr).toContain(`drift: dev: ${step} failed (exit 1):`);
    expect(io.stderr).toContain(Object.values(answers)[0]!.stderr);
    expect(io.stderr.includes('npm run preflight -- dev')).toBe(step !== 'synth');
  });

  test('emulator mode: synthesizes where the cdktf CLI would (CDKTF_OUTPUT)', async () => {
    const runner = fakeRunner({});
    await drift(['dev'], runner, { CDKTF_OUTPUT: 'cdktf.out.emulator', AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' });
    expect(runner.calls[0]!.env.CDKTF_OUTDIR).toBe(path.join(root, 'cdktf.out.emulator'));
    expect(runner.calls[1]!.cwd).toBe(path.join(root, 'cdktf.out.emulator', 'stacks', 'dev'));
    expect(synthOutputDirectory(root, {})).toBe(path.join(root, 'cdktf.out'));
  });

  test.each([
    [[], 'drift: which environment? npm run drift -- <env>'],
    [['dev', 'prod'], 'drift: one environment at a time, got: dev prod'],
    [['qa'], 'drift: unknown environment "qa"; known environments: dev, prod'],
    [
      ['dev', '--lock-timeout', 'soon'],
      'drift: --lock-timeout takes a duration as Terraform does (30s, 5m, 1h), got "soon"',
    ],
  ])('%j is a usage error: exit 1 (2 means drift), and nothing runs', async (argv, message) => {
    const runner = fakeRunner({});
    const { code, io } = await drift(argv, runner);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stderr).toBe(`${message}\nRun \`npm run drift -- --help\` for usage.\n`);
    expect(runner.calls).toEqual([]);
  });

  test('--help', async () => {
    const { code, io } = await drift(['--help'], fakeRunner({}));
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toMatch(/^Usage: npm run drift -- <env>/);
    expect(io.stdout).toContain('0 no drift, 2 drift (the resources that differ\nare listed), 1 error');
  });
});

describe('the plan JSON', () => {
  test('keeps what a deploy would change, drops no-ops and data reads', () => {
    expect(parsePlanJson(PLAN_JSON)).toEqual({
      changes: [{ address: VERSIONING, actions: ['update'] }],
      outside: [{ address: VERSIONING, actions: ['update'] }],
    });
    expect(parsePlanJson('{}')).toEqual({ changes: [], outside: [] });
  });

  test.each([
    [['create'], '+ create'],
    [['delete'], '- delete'],
    [['update'], '~ update'],
    [['delete', 'create'], '-/+ replace'],
    [['create', 'delete'], '-/+ replace'],
  ])('%j reads as %s', (actions, label) => {
    expect(actionLabel(actions)).toBe(label);
  });

  test('arguments', () => {
    expect(parseDriftArgs(['dev'])).toEqual({ help: false, environment: 'dev', lockTimeout: '15m' });
    expect(parseDriftArgs(['dev', '--summary', 'f.md'])).toMatchObject({ summary: 'f.md' });
  });
});
