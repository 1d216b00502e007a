import type { ProjectConfig } from '../../../config/types';
import { validateProject } from '../../../naming/project';
import { configErrorOf, expectOnlyProblem, untyped } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

const ENVIRONMENTS_RULE = 'at least one environment is required, e.g. { dev: { region: "us-east-1" } }';
const ENVIRONMENT_RULE = 'each environment must be an object such as { region: "us-east-1" }';
const TAGS_RULE = 'must be an object of tag keys to values';

test.each([
  ['null', null],
  ['a string', 'dev'],
  ['a list', ['dev']],
])('rejects a configuration that is %s', (_, config) => {
  expectOnlyProblem(config as unknown as ProjectConfig, {
    field: '(configuration)',
    value: config,
    rule: 'the configuration must be an object',
  });
});

test.each([
  ['missing', undefined],
  ['null', null],
  ['a string', 'dev'],
  ['a list', [{ region: 'eu-west-1' }]],
  ['a number', 42],
  ['empty', {}],
])('rejects environments that are %s', (_, environments) => {
  expectOnlyProblem(testConfig(untyped({ environments })), {
    field: 'environments',
    value: environments,
    rule: ENVIRONMENTS_RULE,
  });
});

test.each([
  ['a string', 'eu-west-1'],
  ['null', null],
  ['a list', ['eu-west-1']],
  ['missing', undefined],
])('rejects an environment that is %s', (_, dev) => {
  expectOnlyProblem(testConfig(untyped({ environments: { dev, prod: { region: 'eu-west-1' } } })), {
    field: 'environments.dev',
    value: dev,
    rule: ENVIRONMENT_RULE,
  });
});

test('rejects allowedAccountIds that is not a list', () => {
  expectOnlyProblem(
    testConfig(untyped({ environments: { prod: { region: 'eu-west-1', allowedAccountIds: '444455556666' } } })),
    {
      field: 'environments.prod.allowedAccountIds',
      value: '444455556666',
      rule: 'must be a list of account IDs',
    },
  );
});

test.each([
  ['stateBucketName', 12345],
  ['lockTableName', 12345],
])('rejects a %s that is not a string', (field, value) => {
  expectOnlyProblem(testConfig(untyped({ [field]: value })), { field, value, rule: 'must be a string' });
});

test('rejects a stateKey that is not a string', () => {
  expectOnlyProblem(testConfig(untyped({ environments: { dev: { region: 'eu-west-1', stateKey: 5 } } })), {
    field: 'environments.dev.stateKey',
    value: 5,
    rule: 'must be a string',
  });
});

test.each([
  ['a string', 'Owner'],
  ['a list', ['Owner']],
  ['null', null],
])('rejects project tags that are %s', (_, tags) => {
  expectOnlyProblem(testConfig(untyped({ tags })), { field: 'tags', value: tags, rule: TAGS_RULE });
});

test('rejects environment tags that are not an object', () => {
  expectOnlyProblem(testConfig(untyped({ environments: { dev: { region: 'eu-west-1', tags: 'CostCenter' } } })), {
    field: 'environments.dev.tags',
    value: 'CostCenter',
    rule: TAGS_RULE,
  });
});

test('the other rules do not run when the shape is wrong', () => {
  const error = configErrorOf(
    testConfig(untyped({ project: 'Bad Name', stateRegion: 'nowhere', environments: 'dev' })),
  );
  expect(error.problems.map((p) => p.field)).toEqual(['environments']);
});

test('every shape problem is reported together', () => {
  const error = configErrorOf(
    testConfig(
      untyped({ lockTableName: 1, environments: { dev: 'eu-west-1', prod: { region: 'eu-west-1', tags: [] } } }),
    ),
  );
  expect(error.problems.map((p) => p.field)).toEqual(['lockTableName', 'environments.dev', 'environments.prod.tags']);
});

test('optional fields may be left out', () => {
  expect(() =>
    validateProject({
      project: 'acme',
      stateRegion: 'eu-west-1',
      accountId: '111122223333',
      environments: { dev: { region: 'eu-west-1' } },
    }),
  ).not.toThrow();
});
