import { md5Hex } from '../../../tools/locks/digest';
import { ToolError } from '../../../tools/cli/errors';
import type { DoctorJson, ListJson } from '../../../tools/locks/json-output';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE } from '../../../tools/cli/exit-codes';
import { runLocksCli } from '../../../tools/locks/run-cli';
import { FakeIo } from './support/fake-io';
import { HOUR, holdLock, lockFixture, terraformLockInfo, testProject, type LockFixture } from './support/lock-fixtures';

const HELD_ID = 'a1b2c3d4-0000-4000-8000-000000000001';

async function run(fixture: LockFixture, argv: string[], io = new FakeIo()) {
  const code = await runLocksCli(argv, io, { context: fixture.context });
  return { code, io };
}

function expectOneLineError(io: FakeIo, text: string): void {
  expect(io.stderr).toContain(text);
  expect(io.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('usage errors', () => {
  test('an unknown command exits 2 with one clear line and a pointer to --help', async () => {
    const fixture = lockFixture();
    const { code, io } = await run(fixture, ['frob']);
    expect(code).toBe(EXIT_USAGE);
    expect(io.stderr).toBe(
      'locks: unknown command "frob": use list, unlock or doctor\nRun `npm run locks -- --help` for usage.\n',
    );
    expect(io.stdout).toBe('');
  });

  test('an unknown environment lists the known ones and touches nothing', async () => {
    const fixture = lockFixture();
    for (const argv of [
      ['list', 'qa'],
      ['unlock', 'qa', '--lock-id', 'x'],
      ['doctor', 'qa'],
      ['unlock', 'qa'],
    ]) {
      const { code, io } = await run(fixture, argv);
      expect(code).toBe(EXIT_USAGE);
      expectOneLineError(io, 'locks: unknown environment "qa"; known environments: dev, prod');
    }
    expect(fixture.store.calls).toEqual([]);
  });

  test('unlock without an environment says what it needs', async () => {
    const { code, io } = await run(lockFixture(), ['unlock', '--lock-id', 'x']);
    expect(code).toBe(EXIT_USAGE);
    expectOneLineError(io, 'locks: unlock needs an environment: npm run locks -- unlock <env> --lock-id <ID>');
  });

  test('--help prints the usage and succeeds', async () => {
    const { code, io } = await run(lockFixture(), ['--help']);
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toMatch(/^Usage: npm run locks -- <command> \[options\]/);
  });
});

describe('list', () => {
  test('--json gives each environment, its state and what holds the lock', async () => {
    const fixture = lockFixture('dynamodb+s3');
    holdLock(fixture, 'prod', terraformLockInfo({ Who: 'ci@runner', ageMs: 2 * HOUR }));
    const { code, io } = await run(fixture, ['list', '--json']);
    expect(code).toBe(EXIT_OK);
    const listed = JSON.parse(io.stdout) as ListJson;
    expect(listed.bucket).toBe(fixture.store.location.bucket);
    expect(listed.environments.map((environment) => [environment.environment, environment.state])).toEqual([
      ['dev', 'free'],
      ['prod', 'held'],
    ]);
    expect(listed.environments[1]?.mechanisms).toEqual(['dynamodb', 's3']);
    expect(listed.environments[1]?.locks).toEqual([
      expect.objectContaining({
        id: HELD_ID,
        heldBy: ['dynamodb', 's3'],
        who: 'ci@runner',
        operation: 'OperationTypeApply',
        ageSeconds: 7200,
        unreadable: null,
        raw: null,
      }),
    ]);
  });

  test('--json shows an unreadable lock with its raw text', async () => {
    const fixture = lockFixture();
    holdLock(fixture, 'dev', 'garbage{');
    const listed = JSON.parse((await run(fixture, ['list', '--json'])).io.stdout) as ListJson;
    expect(listed.environments[0]?.locks[0]).toMatchObject({
      id: null,
      unreadable: 'lock info is not JSON',
      raw: { dynamodb: 'garbage{' },
    });
  });

  test('text output is one aligned row per environment', async () => {
    const fixture = lockFixture('dynamodb+s3');
    holdLock(fixture, 'prod', terraformLockInfo({ ageMs: 2 * HOUR }));
    const { code, io } = await run(fixture, ['list']);
    expect(code).toBe(EXIT_OK);
    const lines = io.stdout.split('\n');
    const header = lines.find((line) => line.startsWith('ENVIRONMENT'));
    const dev = lines.find((line) => line.startsWith('dev '));
    const prod = lines.find((line) => line.startsWith('prod '));
    expect(header).toBeDefined();
    expect(dev).toMatch(/^dev\s+free\s+-/);
    expect(prod).toContain(HELD_ID);
    expect(prod).toContain('alice@laptop');
    expect(prod).toContain('apply');
    expect(prod).toContain('2h 00m');
    expect(prod).toContain('DynamoDB item + .tflock object');
    // Columns line up: the lock ID starts where its header does.
    expect(prod?.indexOf(HELD_ID)).toBe(header?.indexOf('LOCK ID'));
    expect(io.stdout).toContain('Checked: DynamoDB item + .tflock object');
  });

  test('in the migration mode (dynamodb+s3) the text output states the rule for moving on; JSON stays one document', async () => {
    const fixture = lockFixture('dynamodb+s3');
    const { io } = await run(fixture, ['list']);
    expect(io.stdout).toContain(
      'Locking mode "dynamodb+s3" (migration): every machine and CI job must be on "dynamodb+s3" before anyone moves to "s3"',
    );
    expect(io.stdout.endsWith('(docs/locking-modes.md#migrating-to-s3-native-locking).\n')).toBe(true);
    const json = (await run(fixture, ['list', '--json'])).io.stdout;
    expect(() => JSON.parse(json) as unknown).not.toThrow();
  });

  test.each(['dynamodb', 's3'] as const)('in %s mode the text output has no migration note', async (locking) => {
    const { io } = await run(lockFixture(locking), ['list']);
    expect(io.stdout).not.toContain('(migration)');
  });

  test('a store failure is one line and exit 1', async () => {
    const fixture = lockFixture();
    fixture.store.failWith(
      new ToolError(
        'lock table "acme-tfstate-lock" does not exist (region eu-west-1): run `npx cdktf deploy bootstrap` first',
      ),
    );
    const { code, io } = await run(fixture, ['list']);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stderr).toBe(
      'locks: lock table "acme-tfstate-lock" does not exist (region eu-west-1): run `npx cdktf deploy bootstrap` first\n',
    );
  });

  test('an unexpected error is still one line, without a stack trace', async () => {
    const fixture = lockFixture();
    fixture.store.failWith(new RangeError('boom'));
    const { code, io } = await run(fixture, ['list']);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stderr).toBe('locks: unexpected error: boom (set LOCKS_DEBUG=1 for details)\n');
  });
});

describe('unlock', () => {
  test('--lock-id matching releases the lock, exit 0', async () => {
    const fixture = lockFixture('dynamodb+s3');
    holdLock(fixture, 'dev');
    const { code, io } = await run(fixture, ['unlock', 'dev', '--lock-id', HELD_ID]);
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toContain(`Released lock ${HELD_ID} on "dev" (DynamoDB item + .tflock object)`);
    expect(fixture.store.items.get(fixture.target('dev').lockItemId)).toBeUndefined();
  });

  test('--lock-id not matching is refused, exit 1, lock untouched', async () => {
    const fixture = lockFixture();
    holdLock(fixture, 'dev');
    const { code, io } = await run(fixture, ['unlock', 'dev', '--lock-id', 'other']);
    expect(code).toBe(EXIT_PROBLEM);
    expectOneLineError(
      io,
      `locks: lock ID "other" does not match the lock held on "dev" (${HELD_ID}); nothing was released`,
    );
    expect(fixture.store.items.get(fixture.target('dev').lockItemId)).toEqual({ Info: terraformLockInfo() });
  });

  test('without --lock-id and no terminal it refuses, suggesting --lock-id, and reads nothing', async () => {
    const fixture = lockFixture();
    holdLock(fixture, 'dev');
    const io = new FakeIo(false, ['y']);
    const { code } = await run(fixture, ['unlock', 'dev'], io);
    expect(code).toBe(EXIT_PROBLEM);
    expectOneLineError(io, 'locks: refusing to unlock "dev" without confirmation: no terminal.');
    expect(io.stderr).toContain('npm run locks -- unlock dev --lock-id <ID>');
    expect(io.questions).toEqual([]);
    expect(fixture.store.items.get(fixture.target('dev').lockItemId)).toBeDefined();
  });

  test('without --lock-id in a terminal it shows the lock and releases it on "y"', async () => {
    const fixture = lockFixture('dynamodb+s3');
    holdLock(fixture, 'dev');
    const io = new FakeIo(true, ['y']);
    const { code } = await run(fixture, ['unlock', 'dev'], io);
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toContain(`Lock ID:    ${HELD_ID}`);
    expect(io.stdout).toContain('alice@laptop');
    expect(io.questions).toEqual(['Release this lock? Only if no Terraform run is still using it. [y/N] ']);
    expect(fixture.store.items.get(fixture.target('dev').lockItemId)).toBeUndefined();
    expect(fixture.store.objectText(fixture.target('dev').lockfileKey)).toBeUndefined();
  });

  test.each(['', 'n', 'no', 'nope', 'Y please'])('in a terminal, answering %j keeps the lock', async (answer) => {
    const fixture = lockFixture();
    holdLock(fixture, 'dev');
    const { code, io } = await run(fixture, ['unlock', 'dev'], new FakeIo(true, [answer]));
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stderr).toBe('Nothing released.\n');
    expect(fixture.store.items.get(fixture.target('dev').lockItemId)).toBeDefined();
  });

  test('in a terminal, a free environment is said so without a question', async () => {
    const io = new FakeIo(true, ['y']);
    const { code } = await run(lockFixture(), ['unlock', 'prod'], io);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stderr).toBe('locks: environment "prod" is not locked; nothing to release\n');
    expect(io.questions).toEqual([]);
  });
});

describe('doctor', () => {
  const STATE = '{"version":4}\n';
  const ACTUAL = md5Hex(new TextEncoder().encode(STATE));
  const STALE = '0123456789abcdef0123456789abcdef';

  function withMismatch(): LockFixture {
    const fixture = lockFixture();
    const target = fixture.target('prod');
    fixture.store.putObject(target.stateKey, STATE).putDigestItem(target.digestItemId, STALE);
    return fixture;
  }

  test('in the migration mode (dynamodb+s3) the text report states the rule too', async () => {
    const { io } = await run(lockFixture('dynamodb+s3'), ['doctor']);
    expect(io.stdout).toContain(
      'Locking mode "dynamodb+s3" (migration): every machine and CI job must be on "dynamodb+s3"',
    );
  });

  test('the text report says the mode and, in the DynamoDB modes, that Terraform deprecates dynamodb_table', async () => {
    const dynamodb = await run(lockFixture('dynamodb'), ['doctor']);
    expect(dynamodb.code).toBe(EXIT_OK);
    expect(dynamodb.io.stdout).toContain('Locking mode "dynamodb": Terraform takes the DynamoDB item.\n');
    expect(dynamodb.io.stdout).toContain('  Deprecated: dynamodb_table, since Terraform 1.11');
    expect(dynamodb.io.stdout).toContain('No problems found.');
    const s3 = await run(lockFixture('s3'), ['doctor']);
    expect(s3.io.stdout).toContain(
      'Locking mode "s3": Terraform takes the .tflock object.\n  No deprecated backend setting.\n',
    );
  });

  test('--json has the mode, the mechanisms and the deprecations', async () => {
    const json = JSON.parse((await run(lockFixture('dynamodb+s3'), ['doctor', '--json'])).io.stdout) as DoctorJson;
    expect(json).toMatchObject({
      ok: true,
      lockingMode: 'dynamodb+s3',
      mechanisms: ['dynamodb', 's3'],
      deprecations: [
        { setting: 'dynamodb_table', deprecatedIn: '1.11', stillAcceptedIn: '1.16', replacement: 'use_lockfile' },
      ],
    });
    const s3 = JSON.parse((await run(lockFixture('s3'), ['doctor', '--json'])).io.stdout) as DoctorJson;
    expect(s3).toMatchObject({ lockingMode: 's3', mechanisms: ['s3'], deprecations: [] });
  });

  test('a mismatch shows expected vs actual and exits 1', async () => {
    const { code, io } = await run(withMismatch(), ['doctor']);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stdout).toMatch(
      new RegExp(`\\n  prod +MISMATCH +expected \\(digest item\\) ${STALE}, actual \\(state object\\) ${ACTUAL}\\n`),
    );
    expect(io.stdout).toContain('1 problem found. Rewrite mismatched digests with --fix.');
  });

  test('--fix says what it changes, rewrites the digest and exits 0', async () => {
    const fixture = withMismatch();
    const { code, io } = await run(fixture, ['doctor', '--fix']);
    expect(code).toBe(EXIT_OK);
    const announce = io.stdout.indexOf(
      `Rewriting the digest of "prod" (item "${fixture.target('prod').digestItemId}"): ${STALE} -> ${ACTUAL}`,
    );
    expect(announce).toBeGreaterThanOrEqual(0);
    expect(announce).toBeLessThan(io.stdout.indexOf('State digests'));
    expect(io.stdout).toContain('fixed: digest rewritten');
    expect(fixture.store.items.get(fixture.target('prod').digestItemId)).toEqual({ Digest: ACTUAL });
  });

  test('--json keeps stdout a single JSON document, announcements go to stderr', async () => {
    const fixture = withMismatch();
    const { code, io } = await run(fixture, ['doctor', '--fix', '--json']);
    expect(code).toBe(EXIT_OK);
    const report = JSON.parse(io.stdout) as DoctorJson;
    expect(report).toMatchObject({ ok: true, problems: 0, maxAgeSeconds: 3600 });
    expect(report.digests).toEqual([
      { environment: 'dev', status: 'never-deployed', expected: null, actual: null, fix: null },
      { environment: 'prod', status: 'mismatch', expected: STALE, actual: ACTUAL, fix: 'rewritten' },
    ]);
    expect(io.stderr).toContain('Rewriting the digest of "prod"');
  });

  test('old locks are reported with the command to release them, exit 1', async () => {
    const fixture = lockFixture();
    holdLock(fixture, 'dev', terraformLockInfo({ ageMs: 3 * HOUR }));
    const { code, io } = await run(fixture, ['doctor', '--max-age', '2h']);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stdout).toContain('Locks older than 2h or unreadable:');
    expect(io.stdout).toContain('dev: held for 3h 00m (over 2h) by alice@laptop (apply)');
    expect(io.stdout).toContain(`npm run locks -- unlock dev --lock-id ${HELD_ID}`);
    const json = JSON.parse((await run(fixture, ['doctor', '--max-age', '2h', '--json'])).io.stdout) as DoctorJson;
    expect(json.locks).toEqual([
      expect.objectContaining({ environment: 'dev', reason: 'old', id: HELD_ID, ageSeconds: 3 * 3600 }),
    ]);
  });
});

test('a bad AWS_ENDPOINT_URL is a configuration error on one line, before any request', async () => {
  const io = new FakeIo();
  const code = await runLocksCli(['list'], io, { project: testProject(), env: { AWS_ENDPOINT_URL: 'localhost:5000' } });
  expect(code).toBe(EXIT_PROBLEM);
  expect(io.stderr).toMatch(
    /^locks: invalid configuration: AWS_ENDPOINT_URL: must be an http:\/\/ or https:\/\/ URL.*\n$/,
  );
});

describe("the bootstrap's own lock", () => {
  test('with its state in the bucket: listed after the environments, and released like theirs', async () => {
    const fixture = lockFixture('dynamodb+s3', { bootstrapState: 's3' });
    holdLock(
      fixture,
      'bootstrap',
      terraformLockInfo({ Path: `${fixture.store.location.bucket}/bootstrap/terraform.tfstate` }),
    );
    const listed = JSON.parse((await run(fixture, ['list', '--json'])).io.stdout) as ListJson;
    expect(listed.environments.map((environment) => [environment.environment, environment.state])).toEqual([
      ['dev', 'free'],
      ['prod', 'free'],
      ['bootstrap', 'held'],
    ]);

    const { code, io } = await run(fixture, ['unlock', 'bootstrap', '--lock-id', HELD_ID]);
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toContain(`Released lock ${HELD_ID} on "bootstrap" (DynamoDB item + .tflock object)`);
    expect(fixture.store.items.get(fixture.target('bootstrap').lockItemId)).toBeUndefined();
    expect(fixture.store.objects.has(fixture.target('bootstrap').lockfileKey)).toBe(false);
  });

  test('with a local bootstrap state, naming it is a usage error that says why, and nothing is read', async () => {
    const fixture = lockFixture();
    for (const argv of [
      ['list', 'bootstrap'],
      ['unlock', 'bootstrap', '--lock-id', 'x'],
      ['doctor', 'bootstrap'],
    ]) {
      const { code, io } = await run(fixture, argv);
      expect(code).toBe(EXIT_USAGE);
      expectOneLineError(io, "locks: bootstrap's state is a local file (bootstrapState: 'local')");
    }
    expect(fixture.store.calls).toEqual([]);
  });
});
