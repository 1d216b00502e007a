import * as fs from 'node:fs';
import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { ScratchProject } from '../../tools/emulator/scratch-project';
import type { ListJson } from '../../tools/locks/json-output';
import { e2eConfig, expectSuccess, output, scratchProject, useEmulator } from './support/e2e';
import {
  CHECKSUM_ERROR,
  applyWaitingForApproval,
  bootstrapWithEnvironments,
  heldLockfile,
  locksCli,
  locksInProcess,
  synthesizedStack,
  type PromptedApply,
} from './support/locking';
import { STATE_LOCK_ERROR, type LockInfo } from '../../tools/terraform/lock-info';
import { currentStateMd5, heldLock, recordedDigest } from './support/state-inspection';

// The lock tool (`npm run locks`) against real locks taken by real Terraform runs on moto, runs in
// different locking modes on one state, and retiring the lock table. One bootstrap, in the
// migration mode (dynamodb+s3), where both lock mechanisms are in use.
jest.setTimeout(600_000);
useEmulator();

const NAME = 'locktool';
/** The address docs/retiring-the-lock-table.md gives for importing a retired table back. */
const DOCUMENTED_TABLE_ADDRESS = 'aws_dynamodb_table.lock-table_D28631D7';

let project: ScratchProject;
/** Copies of the project with the same bucket and table, configured for another locking mode. */
let dynamodbOnly: ScratchProject;
let s3Only: ScratchProject;

beforeAll(async () => {
  project = scratchProject(NAME, e2eConfig(NAME, { locking: 'dynamodb+s3' }));
  dynamodbOnly = scratchProject(`${NAME}-dynamodb-only`, e2eConfig(NAME, { locking: 'dynamodb' }));
  s3Only = scratchProject(`${NAME}-s3-only`, e2eConfig(NAME, { locking: 's3' }));
  const peers = [dynamodbOnly, s3Only];
  const synthesized = Promise.all(peers.map((peer) => peer.cdktf(['synth'])));
  await bootstrapWithEnvironments(project, ['dev']);
  for (const result of await synthesized) expectSuccess(result);
  for (const result of await Promise.all(peers.map((peer) => peer.terraform('dev', ['init', '-input=false']))))
    expectSuccess(result);
});

/** A plan that must not wait for a lock: it either gets it at once or fails with the lock error. */
function plan(on: ScratchProject) {
  return on.terraform('dev', ['plan', '-input=false', '-lock-timeout=0s']);
}

async function expectRefusedBy(on: ScratchProject, lock: LockInfo): Promise<void> {
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
    holder = await applyWaitingForApproval(project, 'dev');
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
    const holder = await applyWaitingForApproval(project, 'dev');
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
    expectSuccess(await plan(project));
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
      const refused = await plan(project);
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
      expectSuccess(await plan(project));
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
    expectSuccess(await plan(project));
    expect(await heldLock(project, 'dev')).toBeUndefined();
    expect(await heldLockfile(project, 'dev')).toBeUndefined();
  });
});

describe('runs in different locking modes on one state', () => {
  async function holding(peer: ScratchProject, check: (lock: LockInfo) => Promise<void>): Promise<void> {
    const holder = await applyWaitingForApproval(peer, 'dev');
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
      await expectRefusedBy(project, lock);
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
      await expectRefusedBy(project, lock);
      expect(await heldLock(project, 'dev')).toBeUndefined();
      expect(await heldLockfile(project, 'dev')).toEqual(lock);
    });
  });
});

describe('retiring the lock table (locking "s3", retireLockTable: true)', () => {
  const tableName = () => project.project.names.lockTable;

  beforeAll(() => {
    project.reconfigure(e2eConfig(NAME, { locking: 's3', retireLockTable: true }));
  });

  test('cdktf deploy bootstrap forgets the table, says so, and destroys nothing', async () => {
    const deploy = expectSuccess(await project.deploy(['bootstrap']));
    expect(output(deploy)).toContain(
      `${DOCUMENTED_TABLE_ADDRESS} will no longer be managed by Terraform, but will not be destroyed`,
    );
    // Changed: only dev's and prod's state policies, which drop the table with dynamodb+s3 -> s3 (docs/iam.md).
    expect(output(deploy)).toMatch(/Resources: 0 added, 2 changed, 0 destroyed/);
    expect(modifiedTypes(output(deploy))).toEqual(['aws_iam_policy', 'aws_iam_policy']);
    const state = JSON.parse(fs.readFileSync(project.bootstrapStateFile, 'utf8')) as {
      resources: Array<{ type: string }>;
    };
    expect(state.resources.map((resource) => resource.type)).not.toContain('aws_dynamodb_table');
    expect(state.resources.map((resource) => resource.type)).toContain('aws_s3_bucket');
  });

  test('the table is still there, with its deletion protection and its items', async () => {
    const { Table } = await project.aws.dynamodb.send(new DescribeTableCommand({ TableName: tableName() }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.DeletionProtectionEnabled).toBe(true);
    expect(await recordedDigest(project, 'dev')).toBeDefined();
  });

  test('the bootstrap then plans no changes', async () => {
    const noChanges = await project.terraform('bootstrap', ['plan', '-detailed-exitcode', '-input=false']);
    expect({ exitCode: noChanges.exitCode, stderr: noChanges.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(noChanges.stdout).toContain('No changes.');
  });

  describe('and managing it again (back to a mode that locks in it)', () => {
    beforeAll(async () => {
      project.reconfigure(e2eConfig(NAME, { locking: 'dynamodb+s3' }));
      expectSuccess(await project.cdktf(['synth']));
    });

    test('the table is declared at the documented address again', () => {
      const [id] = Object.keys(synthesizedStack(project, 'bootstrap').resource.aws_dynamodb_table ?? {});
      expect(`aws_dynamodb_table.${id ?? ''}`).toBe(DOCUMENTED_TABLE_ADDRESS);
    });

    test('terraform import (the documented step) adopts the existing table; the bootstrap then plans only the state policies', async () => {
      expectSuccess(
        await project.terraform('bootstrap', ['import', '-input=false', DOCUMENTED_TABLE_ADDRESS, tableName()]),
      );
      const plan = await project.terraform('bootstrap', ['plan', '-detailed-exitcode', '-input=false']);
      // The table as it is; only the state policies change, regaining the table for dynamodb+s3 (docs/iam.md).
      expect({ exitCode: plan.exitCode, stderr: plan.stderr }).toEqual({ exitCode: 2, stderr: '' });
      expect(plan.stdout).toContain('Plan: 0 to add, 2 to change, 0 to destroy.');
      expect(updatedInPlace(plan.stdout)).toEqual(['aws_iam_policy', 'aws_iam_policy']);
    });
  });
});

/** The resource types a plan says it updates in place. */
function updatedInPlace(plan: string): string[] {
  return [...plan.matchAll(/# (\w+)\.\S+ will be updated in-place/g)].map((match) => match[1] ?? '');
}

/** The resource types an apply modifies (`<type>.<name> (<construct path>): Modifying...` from cdktf). */
function modifiedTypes(apply: string): string[] {
  return [...apply.matchAll(/\b(\w+)\.[\w-]+(?: \([^)]*\))?: Modifying\.\.\./g)].map((match) => match[1] ?? '');
}
