import { readLockStatus } from '../../../tools/locks/lock-status';
import { planReleaseAll, planUnlock, releaseConfirmedLocks, unlockEnvironment } from '../../../tools/locks/unlock';
import { holdLock, lockFixture, NOW, terraformLockInfo, type LockFixture } from './support/lock-fixtures';

const HELD_ID = 'a1b2c3d4-0000-4000-8000-000000000001';

/** Lock item, lockfile and digest of an environment, as stored now. */
function stored(fixture: LockFixture, environment: string) {
  const target = fixture.target(environment);
  return {
    lockItem: fixture.store.items.get(target.lockItemId),
    lockfile: fixture.store.objectText(target.lockfileKey),
    digest: fixture.store.items.get(target.digestItemId),
  };
}

function withDigest(fixture: LockFixture, environment: string): void {
  fixture.store.putDigestItem(fixture.target(environment).digestItemId, 'c0ffee00c0ffee00c0ffee00c0ffee00');
}

describe('planUnlock', () => {
  test('refuses on a free environment', async () => {
    const fixture = lockFixture();
    const status = await readLockStatus(fixture.store, fixture.target('dev'), NOW);
    expect(planUnlock(status, HELD_ID)).toEqual({
      kind: 'refuse',
      reason: 'environment "dev" is not locked; nothing to release',
    });
  });

  test('refuses a different ID and names the one held', async () => {
    const fixture = lockFixture();
    holdLock(fixture, 'dev');
    const status = await readLockStatus(fixture.store, fixture.target('dev'), NOW);
    const plan = planUnlock(status, 'someone-else');
    expect(plan.kind).toBe('refuse');
    expect(plan.kind === 'refuse' && plan.reason).toBe(
      `lock ID "someone-else" does not match the lock held on "dev" (${HELD_ID}); nothing was released`,
    );
  });

  test('refuses an unreadable lock, pointing to the interactive review', async () => {
    const fixture = lockFixture();
    holdLock(fixture, 'dev', 'garbage{');
    const plan = planUnlock(await readLockStatus(fixture.store, fixture.target('dev'), NOW), 'anything');
    expect(plan.kind === 'refuse' && plan.reason).toContain('unreadable lock info');
    expect(plan.kind === 'refuse' && plan.reason).toContain('npm run locks -- unlock dev');
  });

  test('releases the matching lock and keeps the one the other mechanism holds', async () => {
    const fixture = lockFixture('dynamodb+s3');
    const target = fixture.target('dev');
    fixture.store
      .putLockItem(target.lockItemId, terraformLockInfo({ ID: 'one' }))
      .putObject(target.lockfileKey, terraformLockInfo({ ID: 'two' }));
    const plan = planUnlock(await readLockStatus(fixture.store, target, NOW), 'two');
    expect(plan.kind === 'release' && plan.locks.map((lock) => lock.id)).toEqual(['two']);
    expect(plan.kind === 'release' && plan.remaining.map((lock) => lock.id)).toEqual(['one']);
  });

  test('planReleaseAll takes everything shown, and refuses when nothing is', async () => {
    const fixture = lockFixture();
    expect(planReleaseAll(await readLockStatus(fixture.store, fixture.target('dev'), NOW)).kind).toBe('refuse');
    holdLock(fixture, 'dev', 'garbage{');
    const plan = planReleaseAll(await readLockStatus(fixture.store, fixture.target('dev'), NOW));
    expect(plan.kind === 'release' && plan.locks).toHaveLength(1);
  });
});

describe('unlockEnvironment', () => {
  test('a mismatched ID is refused and leaves the lock and digest as they were', async () => {
    const fixture = lockFixture('dynamodb+s3');
    holdLock(fixture, 'dev');
    withDigest(fixture, 'dev');
    const before = stored(fixture, 'dev');

    const result = await unlockEnvironment(fixture.context, 'dev', 'not-the-held-id');

    expect(result.outcome).toBe('refused');
    expect(result.released).toEqual([]);
    expect(stored(fixture, 'dev')).toEqual(before);
    expect(fixture.store.calls.filter((call) => call.startsWith('delete'))).toEqual([]);
  });

  test('the matching ID removes the lock item only; the -md5 digest stays', async () => {
    const fixture = lockFixture('dynamodb');
    holdLock(fixture, 'dev');
    withDigest(fixture, 'dev');
    const digestBefore = stored(fixture, 'dev').digest;

    const result = await unlockEnvironment(fixture.context, 'dev', HELD_ID);

    expect(result).toMatchObject({ outcome: 'released', released: ['dynamodb'], changed: [], lockIds: [HELD_ID] });
    expect(stored(fixture, 'dev').lockItem).toBeUndefined();
    expect(stored(fixture, 'dev').digest).toEqual(digestBefore);
    expect(fixture.store.calls.filter((call) => call.startsWith('delete'))).toEqual([
      `deleteLockItem ${fixture.target('dev').lockItemId}`,
    ]);
  });

  test('in dynamodb+s3 mode releases both the item and the .tflock object, and nothing of another environment', async () => {
    const fixture = lockFixture('dynamodb+s3');
    holdLock(fixture, 'dev');
    holdLock(fixture, 'prod', terraformLockInfo({ ID: HELD_ID }));
    withDigest(fixture, 'dev');

    const result = await unlockEnvironment(fixture.context, 'dev', HELD_ID);

    expect(result).toMatchObject({ outcome: 'released', released: ['dynamodb', 's3'] });
    expect(stored(fixture, 'dev')).toEqual({
      lockItem: undefined,
      lockfile: undefined,
      digest: { Digest: 'c0ffee00c0ffee00c0ffee00c0ffee00' },
    });
    expect(stored(fixture, 'prod').lockItem).toBeDefined();
    expect(stored(fixture, 'prod').lockfile).toBeDefined();
  });

  test('in s3 mode releases the .tflock object with the etag that was read', async () => {
    const fixture = lockFixture('s3');
    holdLock(fixture, 'prod');
    const result = await unlockEnvironment(fixture.context, 'prod', HELD_ID);
    expect(result.outcome).toBe('released');
    expect(stored(fixture, 'prod').lockfile).toBeUndefined();
  });

  test('a DynamoDB lock replaced between read and delete survives', async () => {
    const fixture = lockFixture('dynamodb');
    holdLock(fixture, 'dev');
    const target = fixture.target('dev');
    const newer = terraformLockInfo({ ID: HELD_ID, Who: 'bob@ci', ageMs: 0 });
    // Terraform released and re-took the lock (same ID reused here to prove the condition is on the whole Info).
    fixture.store.before('deleteLockItem', () => fixture.store.putLockItem(target.lockItemId, newer));

    const result = await unlockEnvironment(fixture.context, 'dev', HELD_ID);

    expect(result).toMatchObject({ outcome: 'changed', released: [], changed: ['dynamodb'] });
    expect(stored(fixture, 'dev').lockItem).toEqual({ Info: newer });
  });

  test('a .tflock object replaced between read and delete survives', async () => {
    const fixture = lockFixture('s3');
    holdLock(fixture, 'dev');
    const target = fixture.target('dev');
    const newer = terraformLockInfo({ ID: 'newer' });
    // Replaced after the re-read, just before the delete: only the etag condition can catch it.
    fixture.store.before('deleteLockfile', () => fixture.store.putObject(target.lockfileKey, newer));

    const result = await unlockEnvironment(fixture.context, 'dev', HELD_ID);

    expect(result.outcome).toBe('changed');
    expect(stored(fixture, 'dev').lockfile).toBe(newer);
  });

  test('releases the matching mechanism and reports the other lock as still held', async () => {
    const fixture = lockFixture('dynamodb+s3');
    const target = fixture.target('dev');
    fixture.store
      .putLockItem(target.lockItemId, terraformLockInfo({ ID: 'one' }))
      .putObject(target.lockfileKey, terraformLockInfo({ ID: 'two' }));

    const result = await unlockEnvironment(fixture.context, 'dev', 'one');

    expect(result.outcome).toBe('partial');
    expect(result.released).toEqual(['dynamodb']);
    expect(result.remaining.map((lock) => lock.id)).toEqual(['two']);
    expect(stored(fixture, 'dev').lockfile).toContain('"two"');
  });

  test('an unknown environment fails before any store call', async () => {
    const fixture = lockFixture();
    await expect(unlockEnvironment(fixture.context, 'qa', HELD_ID)).rejects.toThrow(
      'unknown environment "qa"; known environments: dev, prod',
    );
    expect(fixture.store.calls).toEqual([]);
  });
});

describe('releaseConfirmedLocks', () => {
  test('removes an unreadable lock item exactly as it was shown, keeping the digest', async () => {
    const fixture = lockFixture('dynamodb');
    holdLock(fixture, 'dev', 'garbage{');
    withDigest(fixture, 'dev');
    const status = await readLockStatus(fixture.store, fixture.target('dev'), NOW);

    const result = await releaseConfirmedLocks(fixture.context, status);

    expect(result).toMatchObject({ outcome: 'released', released: ['dynamodb'] });
    expect(stored(fixture, 'dev').lockItem).toBeUndefined();
    expect(stored(fixture, 'dev').digest).toBeDefined();
  });

  test('removes a lock item that has no Info attribute', async () => {
    const fixture = lockFixture('dynamodb');
    fixture.store.putLockItem(fixture.target('dev').lockItemId, undefined);
    const status = await readLockStatus(fixture.store, fixture.target('dev'), NOW);
    expect((await releaseConfirmedLocks(fixture.context, status)).outcome).toBe('released');
    expect(stored(fixture, 'dev').lockItem).toBeUndefined();
  });

  test('leaves a lock taken while the person was reading the prompt', async () => {
    const fixture = lockFixture('dynamodb+s3');
    holdLock(fixture, 'dev');
    const status = await readLockStatus(fixture.store, fixture.target('dev'), NOW);
    // Meanwhile the old run finished and a new one took the lock.
    const newer = terraformLockInfo({ ID: 'newer', ageMs: 0 });
    holdLock(fixture, 'dev', newer);

    const result = await releaseConfirmedLocks(fixture.context, status);

    expect(result).toMatchObject({ outcome: 'changed', released: [] });
    expect(stored(fixture, 'dev')).toMatchObject({ lockItem: { Info: newer }, lockfile: newer });
  });
});
