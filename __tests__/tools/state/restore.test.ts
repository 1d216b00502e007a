import type { LockingMode } from '../../../config/types';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE } from '../../../tools/cli/exit-codes';
import { md5Hex } from '../../../tools/locks/digest';
import type { RestoreJson } from '../../../tools/state/json-output';
import { runStateCli } from '../../../tools/state/run-cli';
import { parseLockInfo } from '../../../tools/terraform/lock-info';
import { parseState } from '../../../tools/terraform/state-file';
import { FakeIo } from '../locks/support/fake-io';
import { terraformLockInfo } from '../locks/support/lock-fixtures';
import {
  LINEAGE,
  OTHER_LINEAGE,
  RESTORE_LOCK_ID,
  WHO,
  stateFixture,
  tfstate,
  twoDeploys,
  type StateFixture,
} from './support/state-fixtures';

const MODES: readonly LockingMode[] = ['dynamodb', 'dynamodb+s3', 's3'];
const OTHER_LOCK_ID = 'a1b2c3d4-0000-4000-8000-000000000001';

async function run(fixture: StateFixture, argv: readonly string[]) {
  const io = new FakeIo();
  const code = await runStateCli(argv, io, { context: fixture.context });
  return { code, io };
}

function digestOf(fixture: StateFixture): string | undefined {
  return fixture.store.items.get(fixture.digestId)?.Digest;
}

/** Everything a restore may write, to prove that a refusal wrote nothing. */
function written(fixture: StateFixture) {
  return {
    versions: fixture.store.states.listed(fixture.key).map((version) => version.versionId),
    items: [...fixture.store.items.entries()],
    objects: [...fixture.store.objects.keys()],
  };
}

function noLockLeft(fixture: StateFixture): void {
  const dev = fixture.project.names.environments.dev!;
  expect(fixture.store.items.has(dev.lockId)).toBe(false);
  expect(fixture.store.objects.has(dev.lockfileKey)).toBe(false);
}

describe.each(MODES)('restore of the first of two deploys (%s)', (mode) => {
  let fixture: StateFixture;
  let first: string;
  let second: string;
  let outcome: { code: number; io: FakeIo };
  let lockSeenDuringWrite: string | undefined;

  beforeAll(async () => {
    fixture = stateFixture(mode);
    ({ first, second } = twoDeploys(fixture));
    const dev = fixture.project.names.environments.dev!;
    fixture.store.before('writeStateObject', () => {
      lockSeenDuringWrite = fixture.store.items.get(dev.lockId)?.Info ?? fixture.store.objectText(dev.lockfileKey);
    });
    outcome = await run(fixture, ['restore', 'dev', '--version-id', first]);
  });

  test('succeeds and says what it did', () => {
    expect(outcome.io.stderr).toBe('');
    expect(outcome.code).toBe(EXIT_OK);
    expect(outcome.io.stdout).toContain(`Restoring "dev" (dev/terraform.tfstate) to version ${first}`);
    expect(outcome.io.stdout).toContain('serial:   2 -> 3');
    expect(outcome.io.stdout).toContain('resources removed: aws_sqs_queue.jobs');
    expect(outcome.io.stdout).toContain(`Released the lock ${RESTORE_LOCK_ID}.`);
  });

  test('writes the content as a new current version with a serial above every existing one', () => {
    const listed = fixture.store.states.listed(fixture.key);
    expect(listed.map((version) => version.versionId)).toEqual([expect.any(String), second, first]);
    const restored = fixture.store.states.text(fixture.key)!;
    expect(restored).toBe(tfstate(1, ['aws_s3_bucket.app']).replace('"serial": 1,', '"serial": 3,'));
    expect(parseState(restored)).toMatchObject({ readable: true, state: { serial: 3, lineage: LINEAGE } });
  });

  test('never overwrites or deletes a version: the replaced one stays in the history', () => {
    expect(fixture.store.states.text(fixture.key, second)).toBe(
      tfstate(2, ['aws_s3_bucket.app', 'aws_sqs_queue.jobs']),
    );
    expect(fixture.store.states.text(fixture.key, first)).toBe(tfstate(1, ['aws_s3_bucket.app']));
  });

  test('writes SSE-KMS with the backend key, only over the version it read', () => {
    const latest = fixture.store.states.latest(fixture.key)!;
    expect(latest.write).toEqual({
      kmsKeyId: 'alias/aws/s3',
      expectedEtag: fixture.store.states.listed(fixture.key)[1]!.etag,
    });
  });

  test('held the lock Terraform takes in this mode while writing, saying it is a restore and who runs it', () => {
    const parsed = parseLockInfo(lockSeenDuringWrite);
    expect(parsed).toMatchObject({
      readable: true,
      info: {
        ID: RESTORE_LOCK_ID,
        Operation: 'OperationTypeRestore',
        Who: WHO,
        Info: `npm run state -- restore dev --version-id ${first}`,
        Path: `acme-tfstate-111122223333-eu-west-1/dev/terraform.tfstate`,
      },
    });
    const takes = fixture.store.calls.filter((call) => call.startsWith('take'));
    const dev = fixture.project.names.environments.dev!;
    const expected = {
      dynamodb: [`takeLockItem ${dev.lockId}`],
      'dynamodb+s3': [`takeLockfile ${dev.lockfileKey}`, `takeLockItem ${dev.lockId}`],
      s3: [`takeLockfile ${dev.lockfileKey}`],
    }[mode];
    expect(takes).toEqual(expected);
  });

  test('releases its lock at the end', () => {
    noLockLeft(fixture);
  });

  if (mode === 's3') {
    test('writes no digest in s3 mode (there is no table)', () => {
      expect(digestOf(fixture)).toBeUndefined();
      expect(fixture.store.calls.some((call) => call.includes('Digest'))).toBe(false);
    });
  } else {
    test('writes the digest of exactly the new object, never deleting it', () => {
      const bytes = new TextEncoder().encode(fixture.store.states.text(fixture.key)!);
      expect(digestOf(fixture)).toBe(md5Hex(bytes));
      expect(fixture.store.calls.filter((call) => call.startsWith('writeDigest'))).toEqual([
        `writeDigest ${fixture.digestId}`,
      ]);
      expect(fixture.store.calls.some((call) => call.startsWith('delete') && call.includes('-md5'))).toBe(false);
      expect(outcome.io.stdout).toContain(`Wrote the digest ${md5Hex(bytes)}`);
    });
  }
});

describe.each(MODES)('refused while a lock is held (%s)', (mode) => {
  test('names the lock, writes nothing, and leaves the holder alone', async () => {
    const fixture = stateFixture(mode);
    const { first } = twoDeploys(fixture);
    const dev = fixture.project.names.environments.dev!;
    if (mode !== 's3') fixture.store.putLockItem(dev.lockId, terraformLockInfo());
    if (mode !== 'dynamodb') fixture.store.putObject(dev.lockfileKey, terraformLockInfo());
    const before = written(fixture);
    const { code, io } = await run(fixture, ['restore', 'dev', '--version-id', first]);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stderr).toContain(`state: refused: "dev" is locked: lock ${OTHER_LOCK_ID} held by alice@laptop (apply,`);
    expect(io.stderr).toContain('Nothing was written');
    expect(io.stdout).toBe('');
    expect(written(fixture)).toEqual(before);
    expect(fixture.store.calls.some((call) => call.startsWith('writeStateObject'))).toBe(false);
  });
});

test('dynamodb+s3: a lock item held alone (a run still on dynamodb) refuses, and the .tflock taken first is given back', async () => {
  const fixture = stateFixture('dynamodb+s3');
  const { first } = twoDeploys(fixture);
  const dev = fixture.project.names.environments.dev!;
  fixture.store.putLockItem(dev.lockId, terraformLockInfo({ Who: 'ci@runner' }));
  const before = written(fixture);
  const { code, io } = await run(fixture, ['restore', 'dev', '--version-id', first]);
  expect(code).toBe(EXIT_PROBLEM);
  expect(io.stderr).toContain('held by ci@runner');
  expect(fixture.store.calls).toContain(`takeLockfile ${dev.lockfileKey}`);
  expect(fixture.store.calls).toContain(`deleteLockfile ${dev.lockfileKey}`);
  expect(written(fixture)).toEqual(before);
});

describe('lineage', () => {
  test('a version of another lineage is refused without --force, naming both lineages; nothing written', async () => {
    const fixture = stateFixture();
    twoDeploys(fixture);
    const foreign = fixture.store.states.put(fixture.key, tfstate(9, ['aws_iam_role.x'], OTHER_LINEAGE));
    fixture.store.states.put(fixture.key, tfstate(3, ['aws_s3_bucket.app']));
    const before = written(fixture);
    const { code, io } = await run(fixture, ['restore', 'dev', '--version-id', foreign]);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stderr).toContain(`is of lineage ${OTHER_LINEAGE}, the state of "dev" of lineage ${LINEAGE}`);
    expect(io.stderr).toContain('Restore it anyway with --force');
    expect(written(fixture)).toEqual(before);
    noLockLeft(fixture);
  });

  test('with --force it is restored, its lineage kept, its serial above every version (9 -> 10)', async () => {
    const fixture = stateFixture();
    twoDeploys(fixture);
    const foreign = fixture.store.states.put(fixture.key, tfstate(9, ['aws_iam_role.x'], OTHER_LINEAGE));
    fixture.store.states.put(fixture.key, tfstate(3, ['aws_s3_bucket.app']));
    const { code } = await run(fixture, ['restore', 'dev', '--version-id', foreign, '--force']);
    expect(code).toBe(EXIT_OK);
    expect(parseState(fixture.store.states.text(fixture.key)!)).toMatchObject({
      state: { serial: 10, lineage: OTHER_LINEAGE },
    });
  });
});

describe('a deleted state', () => {
  test('comes back the same way, written where no object is current', async () => {
    const fixture = stateFixture();
    const { second } = twoDeploys(fixture);
    const marker = fixture.store.states.delete(fixture.key);
    const { code, io } = await run(fixture, ['restore', 'dev', '--version-id', second]);
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toContain(`current:  deleted (delete marker ${marker}; before it serial 2`);
    expect(io.stdout).toContain('serial:   (none) -> 3');
    const listed = fixture.store.states.listed(fixture.key);
    expect(listed.map((version) => version.deleteMarker)).toEqual([false, true, false, false]);
    expect(fixture.store.states.latest(fixture.key)!.write?.expectedEtag).toBeUndefined();
    expect(digestOf(fixture)).toBe(md5Hex(new TextEncoder().encode(fixture.store.states.text(fixture.key)!)));
  });
});

describe('bad input: usage error 2, nothing read from or written to the store', () => {
  test.each([
    [['restore', 'qa', '--version-id', 'v001'], 'state: unknown environment "qa"; known environments: dev, prod'],
    [['restore', 'dev'], 'state: restore needs --version-id <ID>'],
    [['restore', '--version-id', 'v001'], 'state: restore needs an environment'],
    [['history'], 'state: history needs an environment'],
    [['restore', 'dev', '--version-id', 'v001', '--replica'], 'state: --replica does not apply to restore'],
    [['frob'], 'state: unknown command "frob": use history or restore'],
  ])('%j', async (argv, message) => {
    const fixture = stateFixture();
    const { code, io } = await run(fixture, argv);
    expect(code).toBe(EXIT_USAGE);
    expect(io.stderr).toContain(message);
    expect(io.stderr).toContain('Run `npm run state -- --help` for usage.');
    expect(fixture.store.calls).toEqual([]);
  });

  test('an unknown version ID names the environment and where to find its versions', async () => {
    const fixture = stateFixture();
    twoDeploys(fixture);
    const before = written(fixture);
    const { code, io } = await run(fixture, ['restore', 'dev', '--version-id', 'nope']);
    expect(code).toBe(EXIT_USAGE);
    expect(io.stderr).toContain(
      'state: no version "nope" of the state of "dev" (dev/terraform.tfstate) in the state bucket; its versions: npm run state -- history dev',
    );
    expect(written(fixture)).toEqual(before);
    expect(fixture.store.calls.some((call) => call.startsWith('take'))).toBe(false);
  });

  test("a delete marker's ID is refused as holding no state", async () => {
    const fixture = stateFixture();
    twoDeploys(fixture);
    const marker = fixture.store.states.delete(fixture.key);
    const { code, io } = await run(fixture, ['restore', 'dev', '--version-id', marker]);
    expect(code).toBe(EXIT_USAGE);
    expect(io.stderr).toContain(`"${marker}" is a delete marker of the state of "dev": it holds no state`);
  });

  test('a version that is no Terraform state is refused (exit 1), nothing written', async () => {
    const fixture = stateFixture();
    twoDeploys(fixture);
    const junk = fixture.store.states.put(fixture.key, '{"hello": "world"}');
    fixture.store.states.put(fixture.key, tfstate(3));
    const before = written(fixture);
    const { code, io } = await run(fixture, ['restore', 'dev', '--version-id', junk]);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stderr).toContain(`state: version "${junk}" of "dev" is not a Terraform state (no serial`);
    expect(written(fixture)).toEqual(before);
  });
});

describe('--dry-run', () => {
  test('says what would change and writes nothing, taking no lock', async () => {
    const fixture = stateFixture('dynamodb+s3');
    const { first } = twoDeploys(fixture);
    const before = written(fixture);
    const { code, io } = await run(fixture, ['restore', 'dev', '--version-id', first, '--dry-run']);
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toContain('serial:   2 -> 3');
    expect(io.stdout).toContain('resources added:   none');
    expect(io.stdout).toContain('resources removed: aws_sqs_queue.jobs');
    expect(io.stdout).toContain('lock:     .tflock object + DynamoDB item, as Terraform takes it');
    expect(io.stdout).toContain('Dry run: nothing was written and no lock was taken.');
    expect(written(fixture)).toEqual(before);
    expect(fixture.store.calls.some((call) => /^(take|write|delete)/.test(call))).toBe(false);
  });

  test('says when a lock held now would refuse the restore', async () => {
    const fixture = stateFixture();
    const { first } = twoDeploys(fixture);
    fixture.store.putLockItem(fixture.project.names.environments.dev!.lockId, terraformLockInfo());
    const { code, io } = await run(fixture, ['restore', 'dev', '--version-id', first, '--dry-run', '--json']);
    expect(code).toBe(EXIT_OK);
    const json = JSON.parse(io.stdout) as RestoreJson;
    expect(json).toMatchObject({
      outcome: 'dry-run',
      lockedBy: [OTHER_LOCK_ID],
      plan: { serialFrom: 2, serialTo: 3, added: [], removed: ['aws_sqs_queue.jobs'], locks: ['dynamodb'] },
    });
  });
});

describe('failures', () => {
  test('a failed write releases the lock and reports one line (exit 1)', async () => {
    const fixture = stateFixture('dynamodb+s3');
    const { first } = twoDeploys(fixture);
    fixture.store.failNextWrite(Object.assign(new Error('access denied'), { name: 'ToolError' }));
    const { code, io } = await run(fixture, ['restore', 'dev', '--version-id', first]);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stderr).toMatch(/^state: /);
    noLockLeft(fixture);
    expect(fixture.store.states.listed(fixture.key)).toHaveLength(2);
  });

  test('a state written meanwhile (after the first listing, before the lock) is read again under the lock', async () => {
    const fixture = stateFixture();
    const { first } = twoDeploys(fixture);
    fixture.store.before('takeLockItem', () => {
      fixture.store.states.put(fixture.key, tfstate(7, ['aws_s3_bucket.app']));
    });
    const { code } = await run(fixture, ['restore', 'dev', '--version-id', first]);
    expect(code).toBe(EXIT_OK);
    expect(parseState(fixture.store.states.text(fixture.key)!)).toMatchObject({ state: { serial: 8 } });
  });

  test('an object replaced by a writer that ignores the lock is not overwritten: refused, nothing written', async () => {
    const fixture = stateFixture();
    const { first } = twoDeploys(fixture);
    fixture.store.before('writeStateObject', () => {
      fixture.store.states.put(fixture.key, tfstate(4));
    });
    const { code, io } = await run(fixture, ['restore', 'dev', '--version-id', first]);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stderr).toContain('changed while the restore held the lock');
    expect(fixture.store.states.listed(fixture.key)).toHaveLength(3);
    noLockLeft(fixture);
  });
});

test('with a customer-managed key the state is written with it, by its alias', async () => {
  const fixture = stateFixture('dynamodb', { stateEncryption: 'customer-managed' });
  const { first } = twoDeploys(fixture);
  expect((await run(fixture, ['restore', 'dev', '--version-id', first])).code).toBe(EXIT_OK);
  expect(fixture.store.states.latest(fixture.key)!.write?.kmsKeyId).toBe('alias/acme-tfstate');
});

test('--json reports the outcome, the new version, the digest and the released lock', async () => {
  const fixture = stateFixture();
  const { first } = twoDeploys(fixture);
  const { code, io } = await run(fixture, ['restore', 'dev', '--version-id', first, '--json']);
  expect(code).toBe(EXIT_OK);
  const json = JSON.parse(io.stdout) as RestoreJson;
  const newest = fixture.store.states.listed(fixture.key)[0]!;
  expect(json).toMatchObject({
    outcome: 'restored',
    newVersionId: newest.versionId,
    digest: digestOf(fixture),
    digestWritten: true,
    lockId: RESTORE_LOCK_ID,
    lockReleased: true,
    plan: { versionId: first, serialFrom: 2, serialTo: 3, current: { kind: 'state', serial: 2 } },
  });
});
