import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectConfig } from '../../config/project';

// The deploy and drift workflows' promises (docs/pipeline.md), read from their text. actionlint
// checks that they are valid workflows (lint-workflows.test.ts); this checks that they are this
// project's. Which environments and roles they use comes from `npm run ci:environments`
// (__tests__/tools/ci-environments/environments.test.ts): no environment is named here.
const ROOT = path.resolve(__dirname, '../..');
const read = (name: string) => fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8');
const DEPLOY = read('deploy.yml');
const DRIFT = read('drift.yml');
const CI = read('ci.yml');

/** The text of one job, from its key to the next job's. */
function job(workflow: string, name: string): string {
  const start = workflow.indexOf(`\n  ${name}:\n`);
  if (start < 0) throw new Error(`no job ${name}`);
  const next = workflow.slice(start + 1).search(/\n {2}[a-z-]+:\n/);
  return next < 0 ? workflow.slice(start) : workflow.slice(start, start + 1 + next);
}

/** The workflow without its comments. */
const commands = (workflow: string) => workflow.replace(/^\s*#.*$/gm, '');

describe('the environments come from the configuration', () => {
  test.each([
    ['deploy.yml', DEPLOY],
    ['drift.yml', DRIFT],
  ])(
    '%s: a first job reads them with npm run ci:environments, and no environment or role is written in it',
    (_, workflow) => {
      expect(job(workflow, 'environments')).toContain(
        'npm run -s ci:environments -- --github-output | tee -a "$GITHUB_OUTPUT"',
      );
      for (const environment of Object.keys(projectConfig.environments)) {
        expect(commands(workflow)).not.toMatch(new RegExp(`\\b${environment}\\b`));
      }
      expect(commands(workflow)).not.toMatch(/arn:aws|AWS_DEPLOY_ROLE_ARN|vars\./);
    },
  );

  test.each([
    ['deploy.yml', DEPLOY, 'diff', 'plan'],
    ['deploy.yml', DEPLOY, 'deploy-unprotected', 'unprotected'],
    ['deploy.yml', DEPLOY, 'deploy-protected', 'protected'],
    ['drift.yml', DRIFT, 'drift', 'plan'],
  ])('%s %s: a matrix over its list, each job assuming the role of its entry', (_, workflow, name, list) => {
    const text = job(workflow, name);
    expect(text).toContain(`environment: \${{ fromJSON(needs.environments.outputs.${list}) }}`);
    expect(text).toContain(`needs.environments.outputs.${list} != '[]'`);
    expect(text).toContain('role-to-assume: ${{ matrix.environment.role }}');
    expect(text).toContain('aws-region: ${{ needs.environments.outputs.region }}');
    expect(text).toContain('id-token: write');
  });
});

describe('deploy.yml', () => {
  test('runs on pull requests and on the main branch', () => {
    expect(DEPLOY).toMatch(/on:\n {2}pull_request:\n {4}branches: \[main\]\n {2}push:\n {4}branches: \[main\]/);
  });

  test('a pull request gets cdktf diff per environment with its plan role, in no GitHub environment, the plan in the job summary', () => {
    const diff = job(DEPLOY, 'diff');
    expect(diff).toContain("if: github.event_name == 'pull_request'");
    // A job naming a GitHub environment would get a token for it, which only the deploy role trusts.
    expect(diff).not.toMatch(/^ {4}environment:/m);
    expect(diff).toContain('npx cdktf diff "$STACK"');
    expect(diff).toContain('>> "$GITHUB_STEP_SUMMARY"');
  });

  test('main deploys the unprotected environments, then the protected ones, only if none of those failed', () => {
    const unprotected = job(DEPLOY, 'deploy-unprotected');
    const protectedJob = job(DEPLOY, 'deploy-protected');
    expect(unprotected).toContain("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(protectedJob).toContain('needs: [environments, deploy-unprotected]');
    expect(protectedJob).toContain("needs.deploy-unprotected.result != 'failure'");
    expect(protectedJob).toContain('!cancelled()');
  });

  test.each(['deploy-unprotected', 'deploy-protected'])(
    '%s: in the GitHub environment of its name, one run per environment at a time, never cancelled, preflight first, no prompt',
    (name) => {
      const text = job(DEPLOY, name);
      expect(text).toContain('environment: ${{ matrix.environment.name }}');
      expect(text).toMatch(
        /concurrency:\n {6}group: deploy-\$\{\{ matrix\.environment\.name \}\}\n {6}cancel-in-progress: false/,
      );
      expect(text.indexOf('npm run -s preflight -- "$STACK"')).toBeGreaterThan(0);
      expect(text.indexOf('npm run -s preflight -- "$STACK"')).toBeLessThan(text.indexOf('npx cdktf deploy "$STACK"'));
      expect(text).toContain('npx cdktf deploy "$STACK" --auto-approve --skip-provider-lock');
      expect(text).toContain('cmp .terraform.lock.hcl "cdktf.out/stacks/$STACK/.terraform.lock.hcl"');
    },
  );

  test('the committed provider lock is used read-only, and no job can write it', () => {
    expect(DEPLOY).toContain('TF_CLI_ARGS_init: -lockfile=readonly');
    expect(commands(DEPLOY)).not.toMatch(/providers lock|providers:lock/);
    expect(DEPLOY).toMatch(/^permissions:\n {2}contents: read\n/m);
  });
});

describe('drift.yml', () => {
  test('runs nightly and by hand', () => {
    expect(DRIFT).toMatch(/on:\n {2}schedule:\n {4}- cron: '[^']+'\n {2}workflow_dispatch:\n/);
  });

  test('plans each environment with npm run drift in no GitHub environment, the report in the job summary', () => {
    const text = job(DRIFT, 'drift');
    expect(text).not.toMatch(/^ {4}environment:/m);
    expect(text).toContain('npm run -s drift -- "$STACK" --lock-timeout 15m --summary "$GITHUB_STEP_SUMMARY"');
    expect(text).toContain('fail-fast: false');
    expect(DRIFT).toContain('TF_CLI_ARGS_init: -lockfile=readonly');
    expect(DRIFT).toMatch(/^permissions:\n {2}contents: read\n/m);
  });
});

test('maintained Node.js: the project tests on 22 and 24, deploys and checks drift on 22', () => {
  expect(CI).toContain('node: [22, 24]');
  expect(CI).toContain('node-version: ${{ matrix.node }}');
  for (const workflow of [DEPLOY, DRIFT]) {
    expect(workflow).toContain('NODE_VERSION: 22');
    expect(
      workflow.match(/node-version: (.*)/g)?.every((line) => line === 'node-version: ${{ env.NODE_VERSION }}'),
    ).toBe(true);
  }
});
