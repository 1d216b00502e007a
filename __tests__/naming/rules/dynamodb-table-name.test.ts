import { lockTableNameRule } from '../../../naming/rules/dynamodb-table-name';
import { validateProject } from '../../../naming/project';
import { expectOnlyProblem } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

describe('explicit lockTableName', () => {
  test.each([
    ['3 characters (the minimum)', 'abc'],
    ['255 characters (the maximum)', 'a'.repeat(255)],
    ['upper case, digits, underscores, dots and hyphens', 'My_Lock.Table-1'],
    ['a leading dot, hyphen or underscore', '.lock-_table'],
  ])('accepts %s', (_, lockTableName) => {
    expect(validateProject(testConfig({ lockTableName })).names.lockTable).toBe(lockTableName);
  });

  test.each(['', 'ab', 'a'.repeat(256)])('rejects %j: length 3 to 255', (lockTableName) => {
    expectOnlyProblem(testConfig({ lockTableName }), {
      field: 'lockTableName',
      value: lockTableName,
      rule: `DynamoDB table names must be 3 to 255 characters long (this one has ${lockTableName.length})`,
    });
  });

  test.each(['lock table', 'lock/table', 'lock:table', 'lock@table', 'lock-täble'])(
    'rejects %j: only letters, digits, underscores, hyphens and dots',
    (lockTableName) => {
      expectOnlyProblem(testConfig({ lockTableName }), {
        field: 'lockTableName',
        value: lockTableName,
        rule: 'DynamoDB table names may contain only letters, digits, underscores (_), hyphens (-) and dots (.)',
      });
    },
  );
});

describe('derived lock table name', () => {
  test('is <project>-tfstate-lock and valid', () => {
    expect(validateProject(testConfig()).names.lockTable).toBe('acme-tfstate-lock');
  });

  test('is valid for the shortest and the longest project names', () => {
    expect(validateProject(testConfig({ project: 'ab' })).names.lockTable).toBe('ab-tfstate-lock');
    expect(validateProject(testConfig({ project: 'p'.repeat(32) })).names.lockTable).toBe(
      `${'p'.repeat(32)}-tfstate-lock`,
    );
  });

  // Valid project names always derive a valid table name, so this path is only reachable directly.
  test('a bad derived name is reported against the derived field', () => {
    const { config, names } = validateProject(testConfig());
    expect(lockTableNameRule(config, { ...names, lockTable: 'a b' })).toEqual([
      {
        field: 'lockTableName (derived from project)',
        value: 'a b',
        rule: 'DynamoDB table names may contain only letters, digits, underscores (_), hyphens (-) and dots (.)',
      },
    ]);
  });
});
