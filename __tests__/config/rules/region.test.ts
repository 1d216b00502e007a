import { isKnownRegion, regionSuggestions } from '../../../config/regions';
import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, expectProblem, untyped } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

const RULE = 'must be an AWS region such as "us-east-1" (the AWS SDK\'s list of regions)';

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

// Shaped like regions, but not in the partition data: a shape check let these through.
const UNKNOWN_REGIONS = ['us-east-9', 'eu-wset-1', 'eu-north-7', 'ap-southeast-99', 'sa-west-5'];

const MALFORMED_REGIONS = [
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
  'aws-global',
];

describe('the list of regions', () => {
  test.each(VALID_REGIONS)('knows %s', (region) => expect(isKnownRegion(region)).toBe(true));

  test.each([...UNKNOWN_REGIONS, ...MALFORMED_REGIONS])('does not know %j', (region) =>
    expect(isKnownRegion(region)).toBe(false),
  );

  test.each([
    ['us-east-9', ['us-east-1', 'us-east-2']],
    ['eu-wset-1', ['eu-west-1']],
    ['ap-southest-2', ['ap-southeast-2']],
    ['US-EAST-1', ['us-east-1']],
    [' eu-west-1 ', ['eu-west-1']],
    ['us-east-1a', ['us-east-1']],
    ['moon', []],
    ['', []],
  ])('suggests for %j: %j', (value, expected) => {
    expect(regionSuggestions(value)).toEqual(expected);
  });
});

describe('stateRegion', () => {
  test.each(VALID_REGIONS)('accepts %s', (stateRegion) => {
    expect(validateProject(testConfig({ stateRegion })).config.stateRegion).toBe(stateRegion);
  });

  test.each([...UNKNOWN_REGIONS, ...MALFORMED_REGIONS])('rejects %j', (stateRegion) => {
    expectOnlyProblem(testConfig({ stateRegion }), { field: 'stateRegion', value: stateRegion, rule: RULE });
  });

  test('a near miss gets a suggestion', () => {
    expectOnlyProblem(testConfig({ stateRegion: 'eu-wset-1' }), {
      field: 'stateRegion',
      value: 'eu-wset-1',
      rule: `${RULE}; did you mean "eu-west-1"?`,
    });
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

  test.each(UNKNOWN_REGIONS)('rejects %j', (region) => {
    expectOnlyProblem(testConfig({ environments: { dev: { region } } }), {
      field: 'environments.dev.region',
      value: region,
      rule: RULE,
    });
  });

  test('a near miss gets every close region as a suggestion', () => {
    expectOnlyProblem(testConfig({ environments: { dev: { region: 'us-east-9' } } }), {
      field: 'environments.dev.region',
      value: 'us-east-9',
      rule: `${RULE}; did you mean "us-east-1" or "us-east-2"?`,
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
