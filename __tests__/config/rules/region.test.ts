import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, expectProblem, untyped } from '../../support/config-errors';
import { testConfig } from '../../support/fixtures';

const RULE =
  'an AWS region looks like "us-east-1": two letters, a dash, a direction such as "east", a dash and a number';

const VALID_REGIONS = [
  'us-east-1',
  'eu-central-2',
  'ap-southeast-4',
  'ap-northeast-3',
  'me-central-1',
  'il-central-1',
  'mx-central-1',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-west-1',
  'us-gov-east-1',
  'us-iso-east-1',
  'us-isob-east-1',
  'us-isof-south-1',
  'eu-isoe-west-1',
  'eusc-de-east-1',
];

const INVALID_REGIONS = [
  '',
  'US-EAST-1',
  'us-east',
  'useast1',
  'us_east_1',
  'us-east-1a',
  'us-east-100',
  'east-1',
  'u-east-1',
  'global',
];

describe('stateRegion', () => {
  test.each(VALID_REGIONS)('accepts %s', (stateRegion) => {
    expect(validateProject(testConfig({ stateRegion })).config.stateRegion).toBe(stateRegion);
  });

  test.each(INVALID_REGIONS)('rejects %j', (stateRegion) => {
    expectOnlyProblem(testConfig({ stateRegion }), { field: 'stateRegion', value: stateRegion, rule: RULE });
  });

  test.each([
    ['a number', 1],
    ['missing', undefined],
  ])('rejects a stateRegion that is %s', (_, stateRegion) => {
    expectOnlyProblem(testConfig(untyped({ stateRegion })), { field: 'stateRegion', value: stateRegion, rule: RULE });
  });
});

describe('environments.<name>.region', () => {
  test.each(VALID_REGIONS)('accepts %s', (region) => {
    const { config } = validateProject(testConfig({ environments: { dev: { region } } }));
    expect(config.environments.dev?.region).toBe(region);
  });

  test.each(INVALID_REGIONS)('rejects %j', (region) => {
    expectOnlyProblem(testConfig({ environments: { dev: { region } } }), {
      field: 'environments.dev.region',
      value: region,
      rule: RULE,
    });
  });

  test('rejects a missing region', () => {
    expectOnlyProblem(testConfig(untyped({ environments: { dev: {} } })), {
      field: 'environments.dev.region',
      value: undefined,
      rule: RULE,
    });
  });

  test('reports the state region and every environment region separately', () => {
    const error = expectProblem(
      testConfig({
        stateRegion: 'mars-1',
        environments: { dev: { region: 'moon' }, prod: { region: 'eu-west-1' }, qa: { region: 'venus' } },
      }),
      { field: 'environments.qa.region', value: 'venus', rule: RULE },
    );
    expect(error.problems.map((p) => p.field)).toEqual([
      'stateRegion',
      'environments.dev.region',
      'environments.qa.region',
    ]);
  });
});
