import type { ProjectConfig } from '../../../config/types';
import { validateProject } from '../../../naming/project';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE } from '../../../tools/cli/exit-codes';
import { ciEnvironments } from '../../../tools/ci-environments/environments';
import { runCiEnvironmentsCli } from '../../../tools/ci-environments/run-cli';
import { FakeIo } from '../locks/support/fake-io';
import { testConfig, threeAccounts } from '../../support/test-config';

const CI: ProjectConfig['ci'] = { github: { repository: 'acme/platform', protectedEnvironments: ['prod'] } };
const role = (name: string) => `arn:aws:iam::111122223333:role/${name}`;

function run(argv: string[], config: ProjectConfig = testConfig({ ci: CI })) {
  const io = new FakeIo();
  const code = runCiEnvironmentsCli(argv, io, { project: validateProject(config) });
  return { code, io };
}

test('the environments of the configuration, with the roles each job assumes', () => {
  const { code, io } = run([]);
  expect(code).toBe(EXIT_OK);
  expect(JSON.parse(io.stdout)).toEqual({
    region: 'eu-west-1',
    plan: [
      { name: 'dev', role: role('acme-plan-dev') },
      { name: 'prod', role: role('acme-plan-prod') },
    ],
    unprotected: [{ name: 'dev', role: role('acme-deploy-dev') }],
    protected: [{ name: 'prod', role: role('acme-deploy-prod') }],
    notPlanned: [],
  });
});

test('adding an environment to the configuration adds it to the matrices, and nothing else changes', () => {
  const config = testConfig({ ci: CI });
  const before = ciEnvironments(validateProject(config));
  const after = ciEnvironments(
    validateProject({ ...config, environments: { ...config.environments, staging: { region: 'eu-west-1' } } }),
  );
  expect(after.plan).toEqual([...before.plan, { name: 'staging', role: role('acme-plan-staging') }]);
  expect(after.unprotected).toEqual([...before.unprotected, { name: 'staging', role: role('acme-deploy-staging') }]);
  expect(after.protected).toEqual(before.protected);
});

test('--github-output: one line per output, each list one line of compact JSON', () => {
  const { code, io } = run(['--github-output']);
  expect(code).toBe(EXIT_OK);
  const lines = io.stdout.trimEnd().split('\n');
  expect(lines.map((line) => line.split('=')[0])).toEqual([
    'region',
    'plan',
    'unprotected',
    'protected',
    'not-planned',
  ]);
  expect(lines[0]).toBe('region=eu-west-1');
  expect(JSON.parse(lines[3]!.slice('protected='.length))).toEqual([{ name: 'prod', role: role('acme-deploy-prod') }]);
});

test('environments in another account are deployed but not planned by a plan role', () => {
  const three = ciEnvironments(validateProject(threeAccounts({ ci: { github: { repository: 'acme/platform' } } })));
  expect(three.plan).toEqual([]);
  expect(three.notPlanned).toEqual(['dev', 'prod']);
  expect(three.unprotected.map((entry) => entry.role)).toEqual([
    'arn:aws:iam::111111111111:role/acme-deploy-dev',
    'arn:aws:iam::111111111111:role/acme-deploy-prod',
  ]);
});

test('without ci: exit 1, saying why', () => {
  const { code, io } = run([], testConfig());
  expect(code).toBe(EXIT_PROBLEM);
  expect(io.stderr).toBe(
    'ci:environments: ci.github is not configured in config/project.ts: the deploy and drift workflows assume the roles the bootstrap creates with it (docs/pipeline.md)\n',
  );
});

test('usage: --help, and an unknown option', () => {
  expect(run(['--help']).io.stdout).toMatch(/^Usage: npm run -s ci:environments/);
  const { code, io } = run(['--yaml']);
  expect(code).toBe(EXIT_USAGE);
  expect(io.stderr).toContain('ci:environments: unknown option --yaml');
});
