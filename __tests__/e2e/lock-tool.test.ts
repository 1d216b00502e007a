import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { ScratchProject } from '../../tools/emulator/scratch-project';
import type { ListJson } from '../../tools/locks/json-output';
import { expectSuccess, output, sharedConfig, sharedProject, useEmulator, useSharedBootstrap } from './support/e2e';
import {
  CHECKSUM_ERROR,
  heldLockfile,
  locksCli,
  locksInProcess,
  probeWaitingForApproval,
  type PromptedApply,
} from './support/locking';
import { probesOf, type BackendProbe } from './support/backend-probe';
import type { LockingMode } from '../../config/types';
import { STATE_LOCK_ERROR, type LockInfo } from '../../tools/terraform/lock-info';
import { currentStateMd5, heldLock, recordedDigest } from './support/state-inspection';

// The lock tool (`npm run locks`) against real locks taken by real Terraform runs on moto, and runs
// in different locking modes on one state. On the shared bootstrap, dev in the migration mode
// (dynamodb+s3), where both lock mechanisms are in use. The runs are backend probes of dev's state
// (support/backend-probe.ts): dev's synthesized backend block, no provider, the same locks.
// (Retiring the lock table changes the bootstrap: bootstrap-day-two.test.ts.)
jest.setTimeout(600_000);
useEmulator();
useSharedBootstrap();

const NAME = 'locktool';

let project: ScratchProject;
/** Runs on dev's state: with the project's backend (dynamodb+s3), and with copies configured for another mode. */
let dev: BackendProbe;
let dynamodbOnly: BackendProbe;
let s3Only: BackendProbe;

beforeAll(async () => {
  project = sharedProject(NAME, sharedConfig(NAME, { locking: 'dynamodb+s3' }));
  const peer = (locking: LockingMode) => sharedProject(`${NAME}-${locking}`, sharedConfig(NAME, { locking }));
  [{ dev }, { dev: dynamodbOnly }, { dev: s3Only }] = await Promise.all([
    probesOf(project, ['dev']),
    probesOf(peer('dynamodb'), ['dev']),
    probesOf(peer('s3'), ['dev']),
  ]);
  expectSuccess(await dev.apply());
});

/** A plan that must not wait for a lock: it either gets it at once or fails with the lock error. */
function plan(on: BackendProbe) {
  return on.plan();
}

async function expectRefusedBy(on: BackendProbe, lock: LockInfo): Promise<void> {
  const refused = await plan(on);
  expect(refused.exitCode).not.toBe(0);
  expect(output(refused)).toContain(STATE_LOCK_ERROR);
  expect(output(refused)).toContain(lock.ID);
}

describe('npm run locks -- list (spawned, as a user runs it)', () => {
  test('every environment free, both mechanisms checked, and the migration rule stated', async () => {
    const list = expectSuccess(await locksCli(project, ['list']));
    expect(list.stdout).toContain(
      `State bucket "${project.project.names.stateBucket}", lock table "${project.project.names.lockTable}"`,
    );
    expect(list.stdout).toContain('Checked: DynamoDB item + .tflock object\n');
    expect(list.stdout).toMatch(/^dev\s+free\s/m);
    expect(list.stdout).toMatch(/^prod\s+free\s/m);
    expect(list.stdout).toContain('every machine and CI job must be on "dynamodb+s3" before anyone moves to "s3"');
  });
});

describe('while a dynamodb+s3 run holds the lock', () => {
  let holder: PromptedApply | undefined;
  let lock: LockInfo;

  beforeAll(async () => {
    holder = await probeWaitingForApproval(dev);
    lock = (await heldLock(project, 'dev'))!;
  });

  afterAll(async () => {
    await holder?.release();
  });

  test('it holds both the DynamoDB item and the .tflock object, with the same lock info', async () => {
    expect(lock).toMatchObject({ Operation: 'OperationTypeApply' });
    expect(await heldLockfile(project, 'dev')).toEqual(lock);
  });

  test('list shows it held by both, with its ID, who and operation; prod stays free', async () => {
    const list = expectSuccess(await locksCli(project, ['list']));
    const dev = list.stdout.split('\n').find((line) => line.startsWith('dev '));
    expect(dev).toMatch(new RegExp(`^dev\\s+held\\s+${lock.ID}\\s`));
    expect(dev).toContain(lock.Who);
    expect(dev).toContain('apply');
    expect(dev).toMatch(/DynamoDB item \+ \.tflock object\s*$/);
    expect(list.stdout).toMatch(/^prod\s+free\s/m);
    expect(list.stdout).toContain('Release a lock only when no Terraform run uses it');
  });

  test('list --json says the same', async () => {
    const listed = JSON.parse(expectSuccess(await locksInProcess(project, ['list', '--json'])).stdout) as ListJson;
    const dev = listed.environments.find((environment) => environment.environment === 'dev');
    expect(dev).toMatchObject({ state: 'held', mechanisms: ['dynamodb', 's3'] });
    expect(dev?.locks).toEqual([
      expect.objectContaining({ id: lock.ID, heldBy: ['dynamodb', 's3'], operation: 'OperationTypeApply' }),
    ]);
  });

  test('a run configured for dynamodb-only locking is refused (by the DynamoDB item)', async () => {
    await expectRefusedBy(dynamodbOnly, lock);
  });

  test('a run configured for s3-only locking is refused (by the .tflock object)', async () => {
    await expectRefusedBy(s3Only, lock);
  });
});

describe('a lock left behind by a run killed with kill -9', () => {
  let lock: LockInfo;
  let digest: string | undefined;

  beforeAll(async () => {
    const holder = await probeWaitingForApproval(dev);
    lock = (await heldLock(project, 'dev'))!;
    expect((await holder.crash()).exitCode).not.toBe(0);
    digest = await recordedDigest(project, 'dev');
    expect(digest).toBeDefined();
  });

  test('stays in both mechanisms', async () => {
    expect(await heldLock(project, 'dev')).toEqual(lock);
    expect(await heldLockfile(project, 'dev')).toEqual(lock);
  });

  test('unlock with another ID is refused: exit 1, the lock untouched', async () => {
    const unlock = await locksCli(project, ['unlock', 'dev', '--lock-id', '00000000-0000-0000-0000-000000000000']);
    expect(unlock.exitCode).toBe(1);
    expect(unlock.stderr).toContain(`does not match the lock held on "dev" (${lock.ID}); nothing was released`);
    expect(await heldLock(project, 'dev')).toEqual(lock);
    expect(await heldLockfile(project, 'dev')).toEqual(lock);
  });

  test("unlock with the lock's ID releases both and leaves the -md5 digest item alone", async () => {
    const unlock = expectSuccess(await locksCli(project, ['unlock', 'dev', '--lock-id', lock.ID]));
    expect(unlock.stdout).toContain(
      `Released lock ${lock.ID} on "dev" (DynamoDB item + .tflock object). The state digest was not touched.`,
    );
    expect(await heldLock(project, 'dev')).toBeUndefined();
    expect(await heldLockfile(project, 'dev')).toBeUndefined();
    expect(await recordedDigest(project, 'dev')).toBe(digest);
  });

  test('Terraform runs again', async () => {
    expectSuccess(await plan(dev));
  });
});

describe('doctor', () => {
  test('finds nothing wrong in a healthy project, and says the mode and its deprecated dynamodb_table', async () => {
    const doctor = expectSuccess(await locksInProcess(project, ['doctor']));
    expect(doctor.stdout).toMatch(/^ {2}dev\s+ok\s/m);
    expect(doctor.stdout).toContain('No problems found.');
    expect(doctor.stdout).toContain(
      'Locking mode "dynamodb+s3": Terraform takes the DynamoDB item + .tflock object.\n',
    );
    expect(doctor.stdout).toContain('  Deprecated: dynamodb_table, since Terraform 1.11');
  });

  describe('with a corrupted digest', () => {
    const CORRUPTED = '0123456789abcdef0123456789abcdef';

    beforeAll(async () => {
      const { names } = project.project;
      await project.aws.dynamodb.send(
        new PutItemCommand({
          TableName: names.lockTable,
          Item: { LockID: { S: names.environments.dev!.digestId }, Digest: { S: CORRUPTED } },
        }),
      );
    });

    test('Terraform refuses to read the state', async () => {
      const refused = await plan(dev);
      expect(refused.exitCode).not.toBe(0);
      expect(output(refused)).toContain(CHECKSUM_ERROR);
    });

    test('npm run locks -- doctor reports the mismatch, exits 1 and changes nothing', async () => {
      const doctor = await locksCli(project, ['doctor']);
      expect(doctor.exitCode).toBe(1);
      expect(doctor.stdout).toMatch(
        new RegExp(
          `dev\\s+MISMATCH\\s+expected \\(digest item\\) ${CORRUPTED}, actual \\(state object\\) ${await currentStateMd5(project, 'dev')}`,
        ),
      );
      expect(doctor.stdout).toContain('1 problem found. Rewrite mismatched digests with --fix.');
      expect(await recordedDigest(project, 'dev')).toBe(CORRUPTED);
    });

    test('npm run locks -- doctor --fix rewrites it from the state object, and terraform plan works again', async () => {
      const fix = expectSuccess(await locksCli(project, ['doctor', '--fix']));
      expect(fix.stdout).toContain(`Rewriting the digest of "dev"`);
      expect(fix.stdout).toContain('No problems found.');
      expect(await recordedDigest(project, 'dev')).toBe(await currentStateMd5(project, 'dev'));
      expectSuccess(await plan(dev));
    });
  });
});

describe('a lone run refused by a lock taken after it started (tools/emulator/own-lock-refusal.ts)', () => {
  // The shape of the AWS SDK writing Terraform's lock twice: the lock a run finds was created after
  // the run started, and nothing else ran. Made here with a lock dated a minute ahead.
  test('the scratch project releases that lock with the lock tool and runs the command again', async () => {
    const { lockId } = project.project.names.environments.dev!;
    const info: LockInfo = {
      ID: 'a1b2c3d4-0000-4000-8000-000000000001',
      Operation: 'OperationTypePlan',
      Info: '',
      Who: 'root@vm',
      Version: '1.11.4',
      Created: new Date(Date.now() + 60_000).toISOString(),
      Path: lockId,
    };
    await project.aws.dynamodb.send(
      new PutItemCommand({
        TableName: project.project.names.lockTable,
        Item: { LockID: { S: lockId }, Info: { S: JSON.stringify(info) } },
      }),
    );
    expect((await heldLock(project, 'dev'))?.ID).toBe(info.ID);
    expectSuccess(await plan(dev));
    expect(await heldLock(project, 'dev')).toBeUndefined();
    expect(await heldLockfile(project, 'dev')).toBeUndefined();
  });
});

describe('runs in different locking modes on one state', () => {
  async function holding(peer: BackendProbe, check: (lock: LockInfo) => Promise<void>): Promise<void> {
    const holder = await probeWaitingForApproval(peer);
    try {
      const lock = (await heldLock(project, 'dev')) ?? (await heldLockfile(project, 'dev'));
      expect(lock).toBeDefined();
      await check(lock!);
    } finally {
      await holder.answer('no');
    }
    expect(await heldLock(project, 'dev')).toBeUndefined();
    expect(await heldLockfile(project, 'dev')).toBeUndefined();
  }

  test('a dynamodb-only run holding the DynamoDB item blocks a dynamodb+s3 run (which leaves no .tflock behind) but not an s3-only run', async () => {
    await holding(dynamodbOnly, async (lock) => {
      expect(await heldLockfile(project, 'dev')).toBeUndefined();
      const list = expectSuccess(await locksInProcess(project, ['list']));
      expect(list.stdout).toMatch(new RegExp(`^dev\\s+held\\s+${lock.ID}\\s.*\\sDynamoDB item\\s*$`, 'm'));
      await expectRefusedBy(dev, lock);
      expect(await heldLockfile(project, 'dev')).toBeUndefined();
      expect(await heldLock(project, 'dev')).toEqual(lock);
      // The two ends of the migration take different locks and do not exclude each other: this is
      // why every machine and CI job must be on dynamodb+s3 before anyone moves to s3.
      expectSuccess(await plan(s3Only));
    });
  });

  test('an s3-only run holding the .tflock object blocks a dynamodb+s3 run, which leaves no DynamoDB item behind', async () => {
    await holding(s3Only, async (lock) => {
      expect(await heldLock(project, 'dev')).toBeUndefined();
      const list = expectSuccess(await locksInProcess(project, ['list']));
      expect(list.stdout).toMatch(new RegExp(`^dev\\s+held\\s+${lock.ID}\\s.*\\s\\.tflock object\\s*$`, 'm'));
      await expectRefusedBy(dev, lock);
      expect(await heldLock(project, 'dev')).toBeUndefined();
      expect(await heldLockfile(project, 'dev')).toEqual(lock);
    });
  });
});
