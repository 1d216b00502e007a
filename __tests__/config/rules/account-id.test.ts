import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, expectProblem, untyped } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

const RULE = 'an AWS account ID is exactly 12 digits, written as a string (keep leading zeros)';
const BAD_IDS = [
  '',
  '11112222333',
  '1111222233334',
  '11112222333a',
  '1111-2222-3333',
  ' 111122223333',
  '111122223333 ',
];

describe('accountId', () => {
  test('accepts 12 digits with leading zeros', () => {
    expect(validateProject(testConfig({ accountId: '000011112222' })).names.stateBucket).toBe(
      'acme-tfstate-000011112222-eu-west-1',
    );
  });

  test.each(BAD_IDS)('rejects %j', (accountId) => {
    expectOnlyProblem(testConfig({ accountId }), { field: 'accountId', value: accountId, rule: RULE });
  });

  test('rejects a number instead of a string', () => {
    expectOnlyProblem(testConfig(untyped({ accountId: 111122223333 })), {
      field: 'accountId',
      value: 111122223333,
      rule: RULE,
    });
  });

  test('is required unless an explicit stateBucketName is given', () => {
    expectOnlyProblem(testConfig({ accountId: undefined }), {
      field: 'accountId',
      value: undefined,
      rule: 'set accountId (it makes the default state bucket name globally unique) or give an explicit stateBucketName',
    });
  });

  test('the missing value is shown as "(not set)"', () => {
    const error = expectOnlyProblem(testConfig({ accountId: undefined }), {
      field: 'accountId',
      value: undefined,
      rule: 'set accountId',
    });
    expect(error.message).toContain('  - accountId = (not set): set accountId');
  });

  test('may be left out when stateBucketName is given', () => {
    const { names } = validateProject(testConfig({ accountId: undefined, stateBucketName: 'my-state-bucket' }));
    expect(names.stateBucket).toBe('my-state-bucket');
  });
});

describe('environments.<name>.allowedAccountIds', () => {
  function withAllowed(allowedAccountIds: readonly string[]) {
    return testConfig({ environments: { prod: { region: 'eu-west-1', allowedAccountIds } } });
  }

  test('accepts several valid IDs', () => {
    const { config } = validateProject(withAllowed(['444455556666', '000011112222']));
    expect(config.environments.prod?.allowedAccountIds).toEqual(['444455556666', '000011112222']);
  });

  test.each(BAD_IDS)('rejects the entry %j', (id) => {
    expectOnlyProblem(withAllowed(['444455556666', id]), {
      field: 'environments.prod.allowedAccountIds[1]',
      value: id,
      rule: RULE,
    });
  });

  test('rejects a number entry', () => {
    expectOnlyProblem(
      testConfig(untyped({ environments: { prod: { region: 'eu-west-1', allowedAccountIds: [444455556666] } } })),
      {
        field: 'environments.prod.allowedAccountIds[0]',
        value: 444455556666,
        rule: RULE,
      },
    );
  });

  test('reports each bad entry with its index', () => {
    const error = expectProblem(withAllowed(['1', '444455556666', '2']), {
      field: 'environments.prod.allowedAccountIds[0]',
      value: '1',
      rule: RULE,
    });
    expect(error.problems.map((p) => p.field)).toEqual([
      'environments.prod.allowedAccountIds[0]',
      'environments.prod.allowedAccountIds[2]',
    ]);
  });

  test('rejects an empty list, which would allow no account', () => {
    expectOnlyProblem(withAllowed([]), {
      field: 'environments.prod.allowedAccountIds',
      value: [],
      rule: 'an empty list would allow no account; leave the field out to allow any account',
    });
  });
});
