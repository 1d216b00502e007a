import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  countTerraformRuns,
  describeE2eFiles,
  e2eTestFiles,
  terraformCounterScript,
  type E2eFileProfile,
} from '../../../tools/bench/e2e-files-bench';

const STACKS = '/tmp/e2e/flow/cdktf.out/stacks';

test('counts init, plan, apply and the rest; applies by stack, bootstrap apart', () => {
  const log = [
    `${STACKS}/bootstrap\tinit -input=false`,
    `${STACKS}/bootstrap\tapply -auto-approve -input=false`,
    `${STACKS}/dev\tversion -json`,
    `${STACKS}/dev\tplan -input=false -lock-timeout=0s -no-color`,
    `${STACKS}/dev\tapply -auto-approve`,
    `${STACKS}/prod\tapply -replace=aws_s3_bucket.x`,
    `${STACKS}/dev\tapply -auto-approve`,
    // -chdir: the stack is the directory it names, not the working directory.
    `/tmp/e2e/quick-start\t-chdir=project/cdktf.out/stacks/prod apply -auto-approve`,
    // Not a stack directory (a scratch configuration of a test): counted, but no stack.
    `/tmp/e2e/iam/backend-run/dev\tapply -auto-approve`,
    '',
  ].join('\n');
  expect(countTerraformRuns(log)).toEqual({
    init: 1,
    plan: 1,
    apply: 6,
    other: 1,
    bootstrapApplies: 1,
    environmentApplies: { dev: 2, prod: 2 },
  });
  expect(countTerraformRuns('')).toEqual({
    init: 0,
    plan: 0,
    apply: 0,
    other: 0,
    bootstrapApplies: 0,
    environmentApplies: {},
  });
});

test('the counting terraform logs each run, then is the real one (arguments, output, exit status)', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'counter-'));
  try {
    const real = path.join(directory, 'real-terraform');
    fs.writeFileSync(real, '#!/usr/bin/env bash\necho "real: $*"\nexit 3\n', { mode: 0o755 });
    const shim = path.join(directory, 'terraform');
    fs.writeFileSync(shim, terraformCounterScript(real), { mode: 0o755 });
    const log = path.join(directory, 'log');
    const run = spawnSync(shim, ['plan', '-input=false'], {
      cwd: directory,
      env: { ...process.env, BENCH_TERRAFORM_LOG: log },
      encoding: 'utf8',
    });
    expect(run.status).toBe(3);
    expect(run.stdout).toBe('real: plan -input=false\n');
    expect(fs.readFileSync(log, 'utf8')).toBe(`${fs.realpathSync(directory)}\tplan -input=false\n`);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
});

test('the e2e files are the test files under __tests__/e2e', () => {
  const files = e2eTestFiles(path.resolve(__dirname, '../../..'));
  expect(files).toContain(path.join('__tests__', 'e2e', 'deploy-flow.test.ts'));
  expect(files.every((file) => file.startsWith(path.join('__tests__', 'e2e')) && file.endsWith('.test.ts'))).toBe(true);
});

function profile(file: string, wallMs: number, exitCode = 0): E2eFileProfile {
  return {
    file: `__tests__/e2e/${file}`,
    exitCode,
    wallMs,
    cpuMs: wallMs / 2,
    summary: {
      suites: { passed: 1, failed: exitCode === 0 ? 0 : 1, skipped: 0, total: 1 },
      tests: { passed: 4, failed: exitCode === 0 ? 0 : 1, skipped: 0, total: 5 },
    },
    terraform: { init: 2, plan: 3, apply: 4, other: 1, bootstrapApplies: 1, environmentApplies: { dev: 2, prod: 1 } },
  };
}

test('the table: costliest first, failures marked, totals in the last row', () => {
  const lines = describeE2eFiles([profile('a.test.ts', 10_000), profile('b.test.ts', 90_000, 1)]);
  expect(lines[0]).toMatch(/^\| File \| Tests \| Wall \| CPU \| init \| plan \| apply \|/);
  expect(lines[2]).toBe(
    '| b.test.ts | FAILED (exit 1, 1 failed) | 1 min 30 s | 45.00 s | 2 | 3 | 4 | 1 | 1 | dev 2, prod 1 |',
  );
  expect(lines[3]).toBe('| a.test.ts | 5 | 10.00 s | 5.00 s | 2 | 3 | 4 | 1 | 1 | dev 2, prod 1 |');
  expect(lines[4]).toBe('| **2 files** | 10 | 1 min 40 s | 50.00 s | 4 | 6 | 8 | 2 | 2 | 6 |');
});
