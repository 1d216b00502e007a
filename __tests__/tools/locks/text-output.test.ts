import type { DoctorReport } from '../../../tools/locks/doctor';
import { DYNAMODB_TABLE_DEPRECATION } from '../../../tools/terraform/backend-deprecations';
import { readLockStatus, type EnvironmentLockStatus } from '../../../tools/locks/lock-status';
import {
  lockingModeNote,
  MIGRATION_RULE,
  mechanismsLabel,
  operationLabel,
  lockingModeLines,
  renderDoctor,
  renderList,
  renderLockDetails,
  renderUnlockResult,
} from '../../../tools/locks/text-output';
import { MEMORY_LOCATION } from './support/memory-lock-store';
import { HOUR, holdLock, lockFixture, NOW, terraformLockInfo } from './support/lock-fixtures';

test('labels', () => {
  expect(mechanismsLabel(['dynamodb', 's3'])).toBe('DynamoDB item + .tflock object');
  expect(mechanismsLabel(['s3'])).toBe('.tflock object');
  expect(operationLabel('OperationTypeApply')).toBe('apply');
  expect(operationLabel('OperationTypePlan')).toBe('plan');
  expect(operationLabel('')).toBe('-');
});

describe('renderList', () => {
  test('says where it looked, and which mechanisms, once', async () => {
    const fixture = lockFixture('dynamodb');
    const statuses = await Promise.all(
      ['dev', 'prod'].map((name) => readLockStatus(fixture.store, fixture.target(name), NOW)),
    );
    const text = renderList(statuses, { ...MEMORY_LOCATION, endpoint: 'http://127.0.0.1:5000' });
    expect(text).toContain(
      'State bucket "acme-tfstate-111122223333-eu-west-1", lock table "acme-tfstate-lock" (eu-west-1, emulator at http://127.0.0.1:5000)',
    );
    expect(text).toContain('Checked: DynamoDB item\n');
    expect(text).not.toContain('CHECKED');
    expect(text).not.toContain('Release a lock');
  });

  test('adds a CHECKED column when environments use different mechanisms', async () => {
    const dynamodb = lockFixture('dynamodb');
    const s3 = lockFixture('s3');
    const statuses: EnvironmentLockStatus[] = [
      await readLockStatus(dynamodb.store, dynamodb.target('dev'), NOW),
      await readLockStatus(s3.store, s3.target('prod'), NOW),
    ];
    const text = renderList(statuses, MEMORY_LOCATION);
    expect(text).toMatch(/HELD BY\s+CHECKED\n/);
    expect(text).toMatch(/prod\s+free.*\.tflock object\n/);
  });

  test('explains an unreadable lock and mechanisms that disagree', async () => {
    const fixture = lockFixture('dynamodb+s3');
    const target = fixture.target('dev');
    fixture.store.putLockItem(target.lockItemId, 'garbage{').putObject(target.lockfileKey, terraformLockInfo());
    const text = renderList([await readLockStatus(fixture.store, target, NOW)], MEMORY_LOCATION);
    expect(text).toContain('(unreadable)');
    expect(text).toContain(
      'dev: DynamoDB item holds a lock whose info is unreadable (lock info is not JSON): "garbage{"',
    );
    expect(text).toContain('dev: the mechanisms hold different locks; release each by its own ID');
  });
});

test('renderLockDetails shows what a person confirms', async () => {
  const fixture = lockFixture('dynamodb+s3');
  holdLock(fixture, 'dev', terraformLockInfo({ Info: 'CI run 42', ageMs: 2 * HOUR }));
  const text = renderLockDetails(await readLockStatus(fixture.store, fixture.target('dev'), NOW));
  expect(text).toContain('Lock on "dev":');
  expect(text).toContain('Held by:    DynamoDB item + .tflock object');
  expect(text).toContain('Created:    2025-06-01T10:00:00Z (2h 00m ago)');
  expect(text).toContain('Info:       CI run 42');
});

describe('renderUnlockResult', () => {
  test('says the digest was not touched on release', () => {
    expect(
      renderUnlockResult({
        environment: 'dev',
        outcome: 'released',
        lockIds: ['x'],
        released: ['dynamodb'],
        changed: [],
        remaining: [],
      }),
    ).toBe('Released lock x on "dev" (DynamoDB item). The state digest was not touched.\n');
  });

  test('a partial release names what was left and why', () => {
    const text = renderUnlockResult({
      environment: 'dev',
      outcome: 'partial',
      lockIds: ['x'],
      released: ['dynamodb'],
      changed: ['s3'],
      remaining: [],
    });
    expect(text).toContain('only partly: DynamoDB item removed');
    expect(text).toContain('Left alone because it changed after it was read: .tflock object');
  });
});

test('renderDoctor lists fixes and problems', () => {
  const report: DoctorReport = {
    locking: { mode: 's3', mechanisms: ['s3'], deprecations: [] },
    maxAgeMs: HOUR,
    digests: [
      {
        environment: 'dev',
        digestItemId: 'b/dev-md5',
        stateKey: 'dev/terraform.tfstate',
        status: 'state-missing',
        expected: 'aa',
        actual: undefined,
        fix: 'not-fixable',
      },
    ],
    digestNotUsed: [],
    lockFindings: [],
    problems: 1,
  };
  const text = renderDoctor(report, MEMORY_LOCATION);
  expect(text).toMatch(
    /dev +STATE MISSING +expected \(digest item\) aa, but no state object at "dev\/terraform.tfstate"/,
  );
  expect(text).toContain('not fixed: restore the state object');
  expect(text).toContain('1 problem found.\n');
  expect(text).not.toContain('--fix');
  expect(text).toContain('Locking mode "s3": Terraform takes the .tflock object.\n  No deprecated backend setting.\n');
});

test('lockingModeLines names the mode, what Terraform takes, and each deprecated setting with the way out', () => {
  expect(
    lockingModeLines({
      mode: 'dynamodb+s3',
      mechanisms: ['dynamodb', 's3'],
      deprecations: [DYNAMODB_TABLE_DEPRECATION],
    }),
  ).toEqual([
    'Locking mode "dynamodb+s3": Terraform takes the DynamoDB item + .tflock object.',
    '  Deprecated: dynamodb_table, since Terraform 1.11 (every terraform init warns; still accepted up to 1.16). ' +
      'Plan the move to "s3" (use_lockfile): docs/locking-modes.md#when-to-move-to-s3',
  ]);
});

test('lockingModeNote states the migration rule in dynamodb+s3 mode only', () => {
  expect(lockingModeNote('dynamodb+s3')).toBe(`\nLocking mode "dynamodb+s3" (migration): ${MIGRATION_RULE}.\n`);
  expect(MIGRATION_RULE).toContain(
    'runs on "dynamodb" and runs on "s3" take different locks and do not exclude each other',
  );
  expect(lockingModeNote('dynamodb')).toBe('');
  expect(lockingModeNote('s3')).toBe('');
});
