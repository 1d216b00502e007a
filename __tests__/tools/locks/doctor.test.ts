import { md5Hex } from '../../../tools/locks/digest';
import {
  countProblems,
  DEFAULT_MAX_AGE_MS,
  findLockProblems,
  lockingModeReport,
  runDoctor,
} from '../../../tools/locks/doctor';
import { DYNAMODB_TABLE_DEPRECATION } from '../../../tools/terraform/backend-deprecations';
import { readLockStatus } from '../../../tools/locks/lock-status';
import {
  HOUR,
  holdLock,
  lockFixture,
  MINUTE,
  NOW,
  terraformLockInfo,
  testProject,
  type LockFixture,
} from './support/lock-fixtures';

const STATE = '{"version":4,"serial":7}\n';
const STATE_MD5 = md5Hex(new TextEncoder().encode(STATE));
const STALE_MD5 = 'ffffffffffffffffffffffffffffffff';

/** Writes the state object and, unless `digest` is `'none'`, its digest item. */
function deploy(fixture: LockFixture, environment: string, digest: string = STATE_MD5): void {
  const target = fixture.target(environment);
  fixture.store.putObject(target.stateKey, STATE);
  if (digest !== 'none') fixture.store.putDigestItem(target.digestItemId, digest);
}

function digestOf(fixture: LockFixture, environment: string): string | undefined {
  return fixture.store.items.get(fixture.target(environment).digestItemId)?.Digest;
}

describe('digests', () => {
  test('a healthy project has no problems', async () => {
    const fixture = lockFixture();
    deploy(fixture, 'dev');
    deploy(fixture, 'prod');
    const report = await runDoctor(fixture.context);
    expect(report.digests.map((check) => [check.environment, check.status])).toEqual([
      ['dev', 'match'],
      ['prod', 'match'],
    ]);
    expect(report.problems).toBe(0);
  });

  test('hashes the state body, not trusting anything else, and reports expected vs actual', async () => {
    const fixture = lockFixture();
    deploy(fixture, 'dev');
    deploy(fixture, 'prod', STALE_MD5);
    const report = await runDoctor(fixture.context);
    expect(report.digests[1]).toMatchObject({
      environment: 'prod',
      status: 'mismatch',
      expected: STALE_MD5,
      actual: STATE_MD5,
    });
    expect(report.digests[1]?.fix).toBeUndefined();
    expect(report.problems).toBe(1);
    expect(digestOf(fixture, 'prod')).toBe(STALE_MD5);
  });

  test('never deployed (no state, no digest) and no digest recorded are fine', async () => {
    const fixture = lockFixture();
    deploy(fixture, 'prod', 'none');
    const report = await runDoctor(fixture.context);
    expect(report.digests.map((check) => check.status)).toEqual(['never-deployed', 'no-digest']);
    expect(report.problems).toBe(0);
  });

  test('a digest without a state object is a problem that --fix does not paper over', async () => {
    const fixture = lockFixture();
    fixture.store.putDigestItem(fixture.target('dev').digestItemId, STATE_MD5);
    const report = await runDoctor(fixture.context, { fix: true });
    expect(report.digests[0]).toMatchObject({
      status: 'state-missing',
      expected: STATE_MD5,
      actual: undefined,
      fix: 'not-fixable',
    });
    expect(report.problems).toBe(1);
    expect(digestOf(fixture, 'dev')).toBe(STATE_MD5);
    expect(fixture.store.calls.some((call) => call.startsWith('writeDigest'))).toBe(false);
  });

  test('--fix rewrites a mismatched digest from the current state, announcing it first', async () => {
    const fixture = lockFixture();
    deploy(fixture, 'dev');
    deploy(fixture, 'prod', STALE_MD5);
    const events: string[] = [];
    fixture.store.before('writeDigest', () => events.push('write'));

    const report = await runDoctor(fixture.context, {
      fix: true,
      beforeFix: (check) =>
        events.push(`announce ${check.environment} ${check.expected ?? ''} -> ${check.actual ?? ''}`),
    });

    expect(events).toEqual([`announce prod ${STALE_MD5} -> ${STATE_MD5}`, 'write']);
    expect(digestOf(fixture, 'prod')).toBe(STATE_MD5);
    expect(report.digests[1]?.fix).toBe('rewritten');
    expect(report.digests[0]?.fix).toBeUndefined();
    expect(report.problems).toBe(0);
    // A second run finds nothing left to fix.
    expect((await runDoctor(fixture.context)).problems).toBe(0);
  });

  test('--fix leaves a locked environment alone: Terraform may be writing state', async () => {
    const fixture = lockFixture();
    deploy(fixture, 'dev', STALE_MD5);
    holdLock(fixture, 'dev');
    const report = await runDoctor(fixture.context, { fix: true });
    expect(report.digests[0]?.fix).toBe('skipped-locked');
    expect(digestOf(fixture, 'dev')).toBe(STALE_MD5);
    expect(report.problems).toBe(1);
  });

  test('--fix leaves a lock taken after the check alone', async () => {
    const fixture = lockFixture('dynamodb+s3');
    deploy(fixture, 'dev', STALE_MD5);
    fixture.store.before('readDigest', () => holdLock(fixture, 'dev'));
    const report = await runDoctor(fixture.context, { environment: 'dev', fix: true });
    expect(report.digests[0]?.fix).toBe('skipped-locked');
    expect(digestOf(fixture, 'dev')).toBe(STALE_MD5);
  });

  test('--fix does not overwrite a digest Terraform changed meanwhile', async () => {
    const fixture = lockFixture();
    deploy(fixture, 'dev', STALE_MD5);
    const written = 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';
    fixture.store.before('writeDigest', () => fixture.store.putDigestItem(fixture.target('dev').digestItemId, written));
    const report = await runDoctor(fixture.context, { fix: true });
    expect(report.digests[0]?.fix).toBe('changed');
    expect(digestOf(fixture, 'dev')).toBe(written);
    expect(report.problems).toBe(1);
  });

  test('s3 mode has no digest to check', async () => {
    const fixture = lockFixture('s3');
    const report = await runDoctor(fixture.context);
    expect(report.digests).toEqual([]);
    expect(report.digestNotUsed).toEqual(['dev', 'prod']);
    expect(
      fixture.store.calls.some((call) => call.startsWith('readDigest') || call.startsWith('readStateObject')),
    ).toBe(false);
  });

  test('checks only the environment asked for', async () => {
    const fixture = lockFixture();
    deploy(fixture, 'dev', STALE_MD5);
    const report = await runDoctor(fixture.context, { environment: 'prod' });
    expect(report.digests.map((check) => check.environment)).toEqual(['prod']);
    expect(report.problems).toBe(0);
  });
});

describe('locks', () => {
  test('reports locks older than the threshold (default 1 hour), not younger ones', async () => {
    const fixture = lockFixture();
    holdLock(fixture, 'dev', terraformLockInfo({ ID: 'old', ageMs: 2 * HOUR }));
    holdLock(fixture, 'prod', terraformLockInfo({ ID: 'young', ageMs: 30 * MINUTE }));
    const report = await runDoctor(fixture.context);
    expect(report.maxAgeMs).toBe(DEFAULT_MAX_AGE_MS);
    expect(report.lockFindings.map((finding) => [finding.environment, finding.reason, finding.lock.id])).toEqual([
      ['dev', 'old', 'old'],
    ]);
    expect(report.problems).toBe(1);
  });

  test('a shorter --max-age catches the younger lock too', async () => {
    const fixture = lockFixture();
    holdLock(fixture, 'dev', terraformLockInfo({ ID: 'old', ageMs: 2 * HOUR }));
    holdLock(fixture, 'prod', terraformLockInfo({ ID: 'young', ageMs: 30 * MINUTE }));
    const report = await runDoctor(fixture.context, { maxAgeMs: 10 * MINUTE });
    expect(report.lockFindings.map((finding) => finding.lock.id)).toEqual(['old', 'young']);
  });

  test('the threshold is exclusive', async () => {
    const fixture = lockFixture();
    holdLock(fixture, 'dev', terraformLockInfo({ ageMs: HOUR }));
    expect((await runDoctor(fixture.context)).lockFindings).toEqual([]);
  });

  test('unreadable and undated locks are reported whatever their age', async () => {
    const fixture = lockFixture('dynamodb+s3');
    holdLock(fixture, 'dev', 'garbage{');
    holdLock(fixture, 'prod', terraformLockInfo({ Created: 'not a time' }));
    const report = await runDoctor(fixture.context);
    expect(report.lockFindings.map((finding) => [finding.environment, finding.reason])).toEqual([
      ['dev', 'unreadable'],
      ['dev', 'unreadable'],
      ['prod', 'undated'],
    ]);
  });

  test('findLockProblems and countProblems are pure', async () => {
    const fixture = lockFixture();
    holdLock(fixture, 'dev', terraformLockInfo({ ageMs: 3 * HOUR }));
    const status = await readLockStatus(fixture.store, fixture.target('dev'), NOW);
    const findings = findLockProblems([status], HOUR);
    expect(findings).toHaveLength(1);
    expect(findLockProblems([status], 4 * HOUR)).toEqual([]);
    expect(countProblems([], findings)).toBe(1);
  });
});

describe('locking mode', () => {
  test.each([
    ['dynamodb', ['dynamodb'], [DYNAMODB_TABLE_DEPRECATION]],
    ['dynamodb+s3', ['dynamodb', 's3'], [DYNAMODB_TABLE_DEPRECATION]],
    ['s3', ['s3'], []],
  ] as const)('%s: Terraform takes %j; deprecated settings %j', (mode, mechanisms, deprecations) => {
    expect(lockingModeReport(testProject(mode))).toEqual({ mode, mechanisms, deprecations });
  });

  test('dynamodb_table: deprecated since Terraform 1.11, still accepted up to 1.16, replaced by use_lockfile', () => {
    expect(DYNAMODB_TABLE_DEPRECATION).toEqual({
      setting: 'dynamodb_table',
      deprecatedIn: '1.11',
      stillAcceptedIn: '1.16',
      replacement: 'use_lockfile',
    });
  });

  test('is in the report, and a deprecation is not a problem', async () => {
    const fixture = lockFixture('dynamodb');
    const report = await runDoctor(fixture.context);
    expect(report.locking).toEqual(lockingModeReport(fixture.project));
    expect(report.problems).toBe(0);
  });
});
