import type { EnvironmentConfig } from '../../../config/types';
import { validateProject } from '../../../naming/project';
import { configErrorOf, expectOnlyProblem } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

function withStateKey(stateKey: string) {
  return testConfig({ environments: { dev: { region: 'eu-west-1', stateKey } } });
}

function withEnvironments(environments: Record<string, EnvironmentConfig>) {
  return testConfig({ environments });
}

const FIELD = 'environments.dev.stateKey';

test.each([
  ['a single character', 'a'],
  ['a nested path', 'team/app/terraform.tfstate'],
  ['1000 one-byte characters', 'k'.repeat(1000)],
  ['1000 bytes of two-byte characters', 'é'.repeat(500)],
  ['".tflock" not at the end', 'state.tflock.json'],
  ['"-md5" not at the end', 'dev-md5/terraform.tfstate'],
  ['"env" without a colon', 'env-dev/terraform.tfstate'],
])('accepts %s', (_, stateKey) => {
  expect(validateProject(withStateKey(stateKey)).names.environments.dev?.stateKey).toBe(stateKey);
});

test.each([
  ['empty', ''],
  ['1001 bytes', 'k'.repeat(1001)],
  ['1002 bytes in 501 characters', 'é'.repeat(501)],
])('rejects a key that is %s', (_, stateKey) => {
  expectOnlyProblem(withStateKey(stateKey), {
    field: FIELD,
    value: stateKey,
    rule: 'a state key must be 1 to 1000 bytes long',
  });
});

test.each(['/dev/terraform.tfstate', 'dev/', 'dev//terraform.tfstate'])(
  'rejects %j: no leading or trailing "/" and no "//"',
  (stateKey) => {
    expectOnlyProblem(withStateKey(stateKey), {
      field: FIELD,
      value: stateKey,
      rule: 'a state key must not start or end with "/" or contain "//"',
    });
  },
);

test.each(['env:/dev/terraform.tfstate', 'env:dev'])('rejects %j: the workspace prefix env:', (stateKey) => {
  expectOnlyProblem(withStateKey(stateKey), {
    field: FIELD,
    value: stateKey,
    rule: 'a state key must not start with "env:": the S3 backend keeps workspace states there',
  });
});

test.each([
  ['.tflock', 'dev/terraform.tfstate.tflock'],
  ['-md5', 'dev/terraform.tfstate-md5'],
])('rejects a key ending in %s, a suffix of Terraform lock data', (suffix, stateKey) => {
  expectOnlyProblem(withStateKey(stateKey), {
    field: FIELD,
    value: stateKey,
    rule: `a state key must not end with "${suffix}": Terraform uses that suffix for its lock data`,
  });
});

test('rejects the same explicit key in two environments, on the second one', () => {
  const stateKey = 'shared/terraform.tfstate';
  expectOnlyProblem(
    withEnvironments({ dev: { region: 'eu-west-1', stateKey }, prod: { region: 'eu-west-1', stateKey } }),
    {
      field: 'environments.prod.stateKey',
      value: stateKey,
      rule: 'every environment needs its own state key; "dev" already uses this one',
    },
  );
});

test("rejects an explicit key equal to another environment's default key", () => {
  expectOnlyProblem(
    withEnvironments({
      dev: { region: 'eu-west-1', stateKey: 'prod/terraform.tfstate' },
      prod: { region: 'eu-west-1' },
    }),
    {
      field: 'environments.prod.stateKey (derived from the environment name)',
      value: 'prod/terraform.tfstate',
      rule: 'every environment needs its own state key; "dev" already uses this one',
    },
  );
});

test('names the first owner when three environments share a key', () => {
  const stateKey = 'terraform.tfstate';
  const error = configErrorOf(
    withEnvironments({
      a: { region: 'eu-west-1', stateKey },
      b: { region: 'eu-west-1', stateKey },
      c: { region: 'eu-west-1', stateKey },
    }),
  );
  expect(error.problems).toEqual([
    {
      field: 'environments.b.stateKey',
      value: stateKey,
      rule: 'every environment needs its own state key; "a" already uses this one',
    },
    {
      field: 'environments.c.stateKey',
      value: stateKey,
      rule: 'every environment needs its own state key; "a" already uses this one',
    },
  ]);
});

test('the default keys of different environments do not collide', () => {
  const { names } = validateProject(testConfig());
  expect(names.environments.dev?.stateKey).toBe('dev/terraform.tfstate');
  expect(names.environments.prod?.stateKey).toBe('prod/terraform.tfstate');
});

test('reports every rule a key breaks', () => {
  const error = configErrorOf(withStateKey('/env:/x-md5'));
  expect(error.problems.map((p) => p.rule)).toEqual([
    'a state key must not start or end with "/" or contain "//"',
    'a state key must not end with "-md5": Terraform uses that suffix for its lock data',
  ]);
});

describe("the bootstrap's own state key", () => {
  test('no environment may use bootstrap/terraform.tfstate', () => {
    expectOnlyProblem(
      testConfig({ environments: { dev: { region: 'eu-west-1', stateKey: 'bootstrap/terraform.tfstate' } } }),
      {
        field: 'environments.dev.stateKey',
        value: 'bootstrap/terraform.tfstate',
        rule: 'this key holds the bootstrap\'s own state when bootstrapState is "s3"; choose another',
      },
    );
  });
});
