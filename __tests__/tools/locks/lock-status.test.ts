import { isLocked, readLockStatus, summarizeLocks } from '../../../tools/locks/lock-status';
import { HOUR, holdLock, lockFixture, MINUTE, NOW, terraformLockInfo } from './support/lock-fixtures';

describe('summarizeLocks', () => {
  test('the same lock in both mechanisms is one lock held by both', () => {
    const info = terraformLockInfo({ ID: 'one' });
    const locks = summarizeLocks(
      [
        { mechanism: 'dynamodb', raw: info },
        { mechanism: 's3', raw: info, etag: '"e"' },
      ],
      NOW,
    );
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ id: 'one', heldBy: ['dynamodb', 's3'], problem: undefined, ageMs: 5 * MINUTE });
    expect(locks[0]?.records).toHaveLength(2);
  });

  test('mechanisms holding different IDs are two locks', () => {
    const locks = summarizeLocks(
      [
        { mechanism: 'dynamodb', raw: terraformLockInfo({ ID: 'one' }) },
        { mechanism: 's3', raw: terraformLockInfo({ ID: 'two' }) },
      ],
      NOW,
    );
    expect(locks.map((lock) => [lock.id, lock.heldBy])).toEqual([
      ['one', ['dynamodb']],
      ['two', ['s3']],
    ]);
  });

  test('unreadable records are kept, with the reason, and never merged', () => {
    const locks = summarizeLocks(
      [
        { mechanism: 'dynamodb', raw: 'garbage{' },
        { mechanism: 's3', raw: 'garbage{' },
      ],
      NOW,
    );
    expect(locks).toHaveLength(2);
    expect(locks.every((lock) => lock.id === undefined && lock.problem === 'lock info is not JSON')).toBe(true);
  });

  test('age is measured against the given clock, never negative', () => {
    const [old] = summarizeLocks([{ mechanism: 'dynamodb', raw: terraformLockInfo({ ageMs: 3 * HOUR }) }], NOW);
    const [future] = summarizeLocks([{ mechanism: 'dynamodb', raw: terraformLockInfo({ ageMs: -HOUR }) }], NOW);
    expect(old?.ageMs).toBe(3 * HOUR);
    expect(future?.ageMs).toBe(0);
  });
});

describe('readLockStatus', () => {
  test('dynamodb+s3 mode sees a lock held in both mechanisms', async () => {
    const fixture = lockFixture('dynamodb+s3');
    holdLock(fixture, 'dev');
    const status = await readLockStatus(fixture.store, fixture.target('dev'), NOW);
    expect(isLocked(status)).toBe(true);
    expect(status.locks.map((lock) => lock.heldBy)).toEqual([['dynamodb', 's3']]);
  });

  test('dynamodb+s3 mode sees a lock held by only one mechanism', async () => {
    const fixture = lockFixture('dynamodb+s3');
    fixture.store.putObject(fixture.target('dev').lockfileKey, terraformLockInfo());
    const status = await readLockStatus(fixture.store, fixture.target('dev'), NOW);
    expect(status.locks.map((lock) => lock.heldBy)).toEqual([['s3']]);
  });

  test('checks only the mechanisms of the mode: s3 mode ignores a stray DynamoDB item', async () => {
    const fixture = lockFixture('s3');
    const target = fixture.target('dev');
    fixture.store.putLockItem(target.lockItemId, terraformLockInfo());
    const status = await readLockStatus(fixture.store, target, NOW);
    expect(isLocked(status)).toBe(false);
    expect(fixture.store.calls).toEqual([`readLockfile ${target.lockfileKey}`]);
  });

  test('dynamodb mode ignores a .tflock object and never mistakes the digest for a lock', async () => {
    const fixture = lockFixture('dynamodb');
    const target = fixture.target('dev');
    fixture.store.putObject(target.lockfileKey, terraformLockInfo()).putDigestItem(target.digestItemId, 'abc');
    const status = await readLockStatus(fixture.store, target, NOW);
    expect(isLocked(status)).toBe(false);
    expect(fixture.store.calls).toEqual([`readLockItem ${target.lockItemId}`]);
  });
});
