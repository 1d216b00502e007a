import { EXIT_OK, EXIT_USAGE } from '../../../tools/cli/exit-codes';
import { md5Hex } from '../../../tools/locks/digest';
import type { HistoryJson } from '../../../tools/state/json-output';
import { runStateCli } from '../../../tools/state/run-cli';
import { parseLockInfo } from '../../../tools/terraform/lock-info';
import { FakeIo } from '../locks/support/fake-io';
import { RESTORE_LOCK_ID, stateFixture, twoDeploys, type StateFixture } from './support/state-fixtures';

// The bootstrap's own state, when it lives in the bucket (bootstrapState: 's3'), is kept and
// locked like an environment's: history and restore reach it by the stack's name.

async function run(fixture: StateFixture, argv: readonly string[]) {
  const io = new FakeIo();
  const code = await runStateCli(argv, io, { context: fixture.context });
  return { code, io };
}

describe("the bootstrap's state in the bucket", () => {
  const inBucket = () => stateFixture('dynamodb+s3', { bootstrapState: 's3' }, 'bootstrap');

  test('history bootstrap lists the versions at bootstrap/terraform.tfstate', async () => {
    const fixture = inBucket();
    const { first, second } = twoDeploys(fixture);
    const { code, io } = await run(fixture, ['history', 'bootstrap', '--json']);
    expect(code).toBe(EXIT_OK);
    const history = JSON.parse(io.stdout) as HistoryJson;
    expect(history).toMatchObject({ environment: 'bootstrap', key: 'bootstrap/terraform.tfstate' });
    expect(history.versions.map((version) => version.versionId)).toEqual([second, first]);
  });

  test("restore bootstrap writes under the bootstrap's own locks, with its digest, and releases them", async () => {
    const fixture = inBucket();
    const { first } = twoDeploys(fixture);
    const names = fixture.project.names.bootstrapState;
    let heldDuringWrite: string | undefined;
    fixture.store.before('writeStateObject', () => {
      heldDuringWrite = fixture.store.items.get(names.lockId)?.Info;
    });
    const { code, io } = await run(fixture, ['restore', 'bootstrap', '--version-id', first]);
    expect(io.stderr).toBe('');
    expect(code).toBe(EXIT_OK);
    expect(parseLockInfo(heldDuringWrite)).toMatchObject({
      readable: true,
      info: { ID: RESTORE_LOCK_ID, Path: `${fixture.project.names.stateBucket}/bootstrap/terraform.tfstate` },
    });
    expect(fixture.store.calls.filter((call) => call.startsWith('take'))).toEqual([
      `takeLockfile ${names.lockfileKey}`,
      `takeLockItem ${names.lockId}`,
    ]);
    const restored = new TextEncoder().encode(fixture.store.states.text(fixture.key)!);
    expect(fixture.store.items.get(names.digestId)?.Digest).toBe(md5Hex(restored));
    expect(fixture.store.items.has(names.lockId)).toBe(false);
    expect(fixture.store.objects.has(names.lockfileKey)).toBe(false);
  });
});

test('with a local bootstrap state, bootstrap is a usage error that says why; nothing is read', async () => {
  const fixture = stateFixture();
  for (const argv of [
    ['history', 'bootstrap'],
    ['restore', 'bootstrap', '--version-id', 'v001'],
  ]) {
    const { code, io } = await run(fixture, argv);
    expect(code).toBe(EXIT_USAGE);
    expect(io.stderr).toContain(
      "state: bootstrap's state is a local file (bootstrapState: 'local'), not in the bucket",
    );
  }
  expect(fixture.store.calls).toEqual([]);
});
