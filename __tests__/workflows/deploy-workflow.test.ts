import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectConfig } from '../../config/project';

// The deploy workflow's promises (docs/pipeline.md), read from its text. actionlint checks that it
// is a valid workflow (lint-workflows.test.ts); this checks that it is this project's.
const ROOT = path.resolve(__dirname, '../..');
const WORKFLOW = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'deploy.yml'), 'utf8');

/** The text of one job, from its key to the next job's. */
function job(name: string): string {
  const start = WORKFLOW.indexOf(`\n  ${name}:\n`);
  if (start < 0) throw new Error(`no job ${name}`);
  const next = WORKFLOW.slice(start + 1).search(/\n {2}[a-z-]+:\n/);
  return next < 0 ? WORKFLOW.slice(start) : WORKFLOW.slice(start, start + 1 + next);
}

test('runs on pull requests and on the main branch', () => {
  expect(WORKFLOW).toMatch(/on:\n {2}pull_request:\n {4}branches: \[main\]\n {2}push:\n {4}branches: \[main\]/);
});

test('the diff matrix names every environment in config/project.ts', () => {
  const matrix = /environment: \[([^\]]*)\]/.exec(job('diff'))?.[1];
  expect(matrix?.split(',').map((name) => name.trim())).toEqual(Object.keys(projectConfig.environments));
});

test('a pull request gets cdktf diff per environment, its plan in the job summary', () => {
  const diff = job('diff');
  expect(diff).toContain("if: github.event_name == 'pull_request'");
  expect(diff).toContain('npx cdktf diff "$STACK"');
  expect(diff).toContain('>> "$GITHUB_STEP_SUMMARY"');
});

test('main deploys dev, then prod behind its GitHub environment', () => {
  expect(job('deploy-dev')).toContain('environment: dev');
  expect(job('deploy-dev')).toContain("if: github.event_name == 'push' && github.ref == 'refs/heads/main'");
  const prod = job('deploy-prod');
  expect(prod).toContain('needs: deploy-dev');
  expect(prod).toContain('environment: prod');
});

test.each(['deploy-dev', 'deploy-prod'])(
  '%s: OIDC credentials for the environment’s deploy role, one run at a time, never cancelled, no prompt',
  (name) => {
    const text = job(name);
    const environment = name.replace('deploy-', '');
    expect(text).toContain('id-token: write');
    expect(text).toContain('uses: aws-actions/configure-aws-credentials@v4');
    expect(text).toContain('role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}');
    expect(text).toMatch(new RegExp(`concurrency:\\n {6}group: deploy-${environment}\\n {6}cancel-in-progress: false`));
    expect(text).toContain(`npx cdktf deploy ${environment} --auto-approve --skip-provider-lock`);
    expect(text).toContain(`cmp .terraform.lock.hcl cdktf.out/stacks/${environment}/.terraform.lock.hcl`);
  },
);

test('the committed provider lock is used read-only, and no job can write it', () => {
  expect(WORKFLOW).toContain('TF_CLI_ARGS_init: -lockfile=readonly');
  const commands = WORKFLOW.replace(/^\s*#.*$/gm, '');
  expect(commands).not.toMatch(/providers lock|providers:lock/);
  expect(WORKFLOW).toMatch(/^permissions:\n {2}contents: read\n/m);
});
