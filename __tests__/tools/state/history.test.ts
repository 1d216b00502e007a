import { EXIT_OK, EXIT_PROBLEM } from '../../../tools/cli/exit-codes';
import type { HistoryJson } from '../../../tools/state/json-output';
import { runStateCli } from '../../../tools/state/run-cli';
import { parseState } from '../../../tools/terraform/state-file';
import { FakeIo } from '../locks/support/fake-io';
import { LINEAGE, stateFixture, tfstate, twoDeploys, type StateFixture } from './support/state-fixtures';

async function run(fixture: StateFixture, argv: readonly string[]) {
  const io = new FakeIo();
  const code = await runStateCli(argv, io, { context: fixture.context });
  return { code, io };
}

describe('history', () => {
  test('every version newest first: ID, status, time, size, serial, lineage, resources, Terraform version', async () => {
    const fixture = stateFixture('s3');
    const { first, second } = twoDeploys(fixture);
    const marker = fixture.store.states.delete(fixture.key);
    const { code, io } = await run(fixture, ['history', 'dev']);
    expect(code).toBe(EXIT_OK);
    const lines = io.stdout.split('\n');
    expect(lines[0]).toBe(
      'State of "dev": dev/terraform.tfstate in bucket "acme-tfstate-111122223333-eu-west-1" (eu-west-1)',
    );
    expect(lines[2]).toMatch(/^VERSION ID\s+STATUS\s+LAST MODIFIED\s+SIZE\s+SERIAL\s+LINEAGE\s+RESOURCES\s+TERRAFORM$/);
    expect(lines[3]).toMatch(
      new RegExp(`^${marker}\\s+delete marker\\s+2025-05-01T00:03:00Z\\s+-\\s+-\\s+-\\s+-\\s+-$`),
    );
    expect(lines[4]).toMatch(
      new RegExp(`^${second}\\s+older\\s+2025-05-01T00:02:00Z\\s+\\d+\\s+2\\s+${LINEAGE}\\s+2\\s+1\\.11\\.4$`),
    );
    expect(lines[5]).toMatch(new RegExp(`^${first}\\s+older\\s+\\S+\\s+\\d+\\s+1\\s+${LINEAGE}\\s+1\\s+1\\.11\\.4$`));
    expect(io.stdout).toContain(
      'The state of "dev" is deleted (a delete marker is current): restore the version before it.',
    );
    expect(io.stdout).toContain(
      'Restore one (look first): npm run state -- restore dev --version-id <VERSION ID> --dry-run',
    );
  });

  test('--json: the same, for scripts; a version that is no state says why', async () => {
    const fixture = stateFixture();
    twoDeploys(fixture);
    const junk = fixture.store.states.put(fixture.key, 'not json');
    const { code, io } = await run(fixture, ['history', 'dev', '--json']);
    expect(code).toBe(EXIT_OK);
    const json = JSON.parse(io.stdout) as HistoryJson;
    expect(json).toMatchObject({ environment: 'dev', key: 'dev/terraform.tfstate', replica: false, endpoint: null });
    expect(json.versions.map((version) => [version.status, version.serial])).toEqual([
      ['current', null],
      ['older', 2],
      ['older', 1],
    ]);
    expect(json.versions[0]).toMatchObject({ versionId: junk, problem: 'not JSON', lineage: null });
    expect(json.versions[1]).toMatchObject({ resources: 2, terraformVersion: '1.11.4', lineage: LINEAGE });
  });

  test('an environment never deployed has no version', async () => {
    const { code, io } = await run(stateFixture(), ['history', 'prod']);
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toContain('No version: "prod" was never deployed, or every version expired.');
  });

  test('only reads (no lock, no write)', async () => {
    const fixture = stateFixture('dynamodb+s3');
    twoDeploys(fixture);
    await run(fixture, ['history', 'dev']);
    expect(fixture.store.calls.every((call) => /^(listStateVersions|readStateVersion) /.test(call))).toBe(true);
  });
});

describe('the replica', () => {
  /** The replica holds what S3 replication copied; then the primary's versions are gone (expired, deleted). */
  function primaryLost(fixture: StateFixture) {
    const { first, second } = twoDeploys(fixture);
    const replicaFirst = fixture.replica.versions.put(fixture.key, fixture.store.states.text(fixture.key, first)!);
    const replicaSecond = fixture.replica.versions.put(fixture.key, fixture.store.states.text(fixture.key, second)!);
    fixture.store.states.expire(fixture.key, first);
    fixture.store.states.expire(fixture.key, second);
    return { replicaFirst, replicaSecond };
  }

  test('history --replica lists the versions kept in the replica bucket', async () => {
    const fixture = stateFixture();
    const { replicaSecond } = primaryLost(fixture);
    const { code, io } = await run(fixture, ['history', 'dev', '--replica']);
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toContain('in the replica bucket "acme-tfstate-111122223333-eu-central-1" (eu-central-1)');
    expect(io.stdout).toMatch(new RegExp(`^${replicaSecond}\\s+current\\s`, 'm'));
    expect(io.stdout).toContain('--from-replica --dry-run');
  });

  test('restore --from-replica brings a state back when the primary has none, with the digest', async () => {
    const fixture = stateFixture('dynamodb+s3');
    const { replicaSecond } = primaryLost(fixture);
    const { code, io } = await run(fixture, ['restore', 'dev', '--from-replica', '--version-id', replicaSecond]);
    expect(io.stderr).toBe('');
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toContain(', from the replica bucket:');
    expect(io.stdout).toContain('current:  none (no version in the state bucket)');
    const restored = fixture.store.states.text(fixture.key)!;
    expect(parseState(restored)).toMatchObject({ state: { serial: 3, resources: 2 } });
    expect(fixture.store.states.latest(fixture.key)!.write?.expectedEtag).toBeUndefined();
    expect(fixture.replica.calls.some((call) => call.startsWith('write'))).toBe(false);
  });

  test('an ID of the primary is not one of the replica (and the other way round)', async () => {
    const fixture = stateFixture();
    const { first } = twoDeploys(fixture);
    const { code, io } = await run(fixture, ['restore', 'dev', '--from-replica', '--version-id', first]);
    expect(code).toBe(2);
    expect(io.stderr).toContain('in the replica bucket; its versions: npm run state -- history dev --replica');
  });

  test('an empty replica says why, not "never deployed"', async () => {
    const fixture = stateFixture();
    twoDeploys(fixture);
    const { io } = await run(fixture, ['history', 'dev', '--replica']);
    expect(io.stdout).toContain('No version of "dev" in the replica: nothing replicated yet');
  });

  test('without stateReplicaRegion, --replica says how to get a replica (exit 1)', async () => {
    const fixture = stateFixture('dynamodb', { stateReplicaRegion: undefined });
    const { code, io } = await run(fixture, ['history', 'dev', '--replica']);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stderr).toBe(
      'state: this project has no replica: set stateReplicaRegion in config/project.ts and deploy the bootstrap (docs/recover-a-state.md)\n',
    );
  });
});

describe('--help', () => {
  test('in the lock tool style: usage, commands, options, exit status, AWS', async () => {
    const { code, io } = await run(stateFixture(), ['--help']);
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toMatch(/^Usage: npm run state -- <command> \[options\]\n/);
    expect(io.stdout).toContain('\nCommands:\n');
    expect(io.stdout).toContain('\nOptions:\n');
    expect(io.stdout).toContain('Exit status: 0 ok, 1 problem found or refused (nothing written), 2 usage error.');
    expect(io.stdout).toContain(
      'AWS: default credential chain in the state region; set AWS_ENDPOINT_URL to use the emulator.',
    );
  });

  test('restore needs no more than the ID as confirmation: nothing is asked', async () => {
    const fixture = stateFixture();
    const { first } = twoDeploys(fixture);
    const io = new FakeIo(true, ['y']);
    await runStateCli(['restore', 'dev', '--version-id', first], io, { context: fixture.context });
    expect(io.questions).toEqual([]);
  });
});

test('a state version that tfstate() builds is a readable state (the fixture itself)', () => {
  expect(parseState(tfstate(5, ['a.b']))).toMatchObject({ readable: true, state: { serial: 5, addresses: ['a.b'] } });
});
