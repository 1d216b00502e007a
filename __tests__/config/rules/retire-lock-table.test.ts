import type { LockingMode } from '../../../config/types';
import { validateProject } from '../../../naming/project';
import { configErrorOf, expectOnlyProblem, untyped } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

describe('retireLockTable', () => {
  test('defaults to false: the table stays managed', () => {
    expect(validateProject(testConfig()).config.retireLockTable).toBe(false);
  });

  test('is accepted with locking "s3"', () => {
    expect(validateProject(testConfig({ locking: 's3', retireLockTable: true })).config.retireLockTable).toBe(true);
  });

  test.each<LockingMode>(['dynamodb', 'dynamodb+s3', 's3'])('false is accepted with locking %s', (locking) => {
    expect(validateProject(testConfig({ locking, retireLockTable: false })).config.retireLockTable).toBe(false);
  });

  test.each<LockingMode>(['dynamodb', 'dynamodb+s3'])(
    'true is rejected with locking %s, naming the mode and the way there',
    (locking) => {
      const error = expectOnlyProblem(testConfig({ locking, retireLockTable: true }), {
        field: 'retireLockTable',
        value: true,
        rule: `only valid with locking "s3", but locking is "${locking}": Terraform still takes its locks in the table in that mode`,
      });
      expect(error.message).toContain(
        'Move every machine and CI job to "dynamodb+s3", then to "s3", and retire the table last (docs/retiring-the-lock-table.md)',
      );
    },
  );

  test('true is rejected with the default locking mode, which is dynamodb', () => {
    expectOnlyProblem(testConfig({ retireLockTable: true }), {
      field: 'retireLockTable',
      value: true,
      rule: 'but locking is "dynamodb"',
    });
  });

  test.each([
    ['a string', 'yes'],
    ['a number', 1],
    ['null', null],
  ])('rejects %s', (_, retireLockTable) => {
    expectOnlyProblem(testConfig(untyped({ locking: 's3', retireLockTable })), {
      field: 'retireLockTable',
      value: retireLockTable,
      rule: 'must be true or false',
    });
  });

  test('an unknown locking mode is reported once, by the locking rule, not again here', () => {
    const error = configErrorOf(testConfig(untyped({ locking: 'redis', retireLockTable: true })));
    expect(error.problems.map((p) => p.field)).toEqual(['locking']);
  });
});
