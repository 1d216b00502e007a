import type { LockingMode, StateEncryption } from '../../../config/types';
import { validateProject } from '../../../naming/project';
import { configErrorOf, expectOnlyProblem, untyped } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

describe('locking', () => {
  test.each<LockingMode>(['dynamodb', 'dynamodb+s3', 's3'])('accepts %s', (locking) => {
    expect(validateProject(testConfig({ locking })).config.locking).toBe(locking);
  });

  test.each(['redis', 'DynamoDB', 's3+dynamodb', '', 1])('rejects %j', (locking) => {
    expectOnlyProblem(testConfig(untyped({ locking })), {
      field: 'locking',
      value: locking,
      rule: 'must be one of "dynamodb", "dynamodb+s3", "s3"',
    });
  });
});

describe('stateEncryption', () => {
  test.each<StateEncryption>(['aws-managed', 'customer-managed'])('accepts %s', (stateEncryption) => {
    expect(validateProject(testConfig({ stateEncryption })).config.stateEncryption).toBe(stateEncryption);
  });

  test.each(['sse-s3', 'kms', 'AWS-MANAGED', true])('rejects %j', (stateEncryption) => {
    expectOnlyProblem(testConfig(untyped({ stateEncryption })), {
      field: 'stateEncryption',
      value: stateEncryption,
      rule: 'must be one of "aws-managed", "customer-managed"',
    });
  });
});

test('both choices are reported together', () => {
  const error = configErrorOf(testConfig(untyped({ locking: 'redis', stateEncryption: 'kms' })));
  expect(error.problems.map((p) => p.field)).toEqual(['locking', 'stateEncryption']);
});

describe('bootstrapState', () => {
  test.each(['local', 's3'] as const)('accepts %s', (bootstrapState) => {
    expect(validateProject(testConfig({ bootstrapState })).config.bootstrapState).toBe(bootstrapState);
  });

  test('defaults to local', () => {
    expect(validateProject(testConfig()).config.bootstrapState).toBe('local');
  });

  test.each(['remote', 'S3', 'bucket', ''])('rejects %j, naming the field and the choices', (bootstrapState) => {
    expectOnlyProblem(testConfig(untyped({ bootstrapState })), {
      field: 'bootstrapState',
      value: bootstrapState,
      rule: 'must be one of "local", "s3"',
    });
  });
});
