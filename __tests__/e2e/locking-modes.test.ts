import type { LockingMode } from '../../config/types';
import type { ScratchProject } from '../../tools/emulator/scratch-project';
import { expectSuccess, output, sharedConfig, sharedProject, useEmulator, useSharedBootstrap } from './support/e2e';
import {
  applyWaitingForApproval,
  currentState,
  deployWithTerraform,
  heldLockfile,
  initializedBackend,
  lockfileWrites,
  locksCli,
  locksInProcess,
  type PromptedApply,
  type StateSnapshot,
} from './support/locking';
import { currentStateMd5, heldLock, recordedDigest, stateVersions } from './support/state-inspection';
import { STATE_LOCK_ERROR } from '../../tools/terraform/lock-info';

// The documented migration (docs/locking-modes.md#migrating-to-s3-native-locking), for real against moto: dynamodb -> dynamodb+s3 -> s3
// and back, one environment, `cdktf deploy <env> --migrate-state` at each switch. On the shared
// bootstrap, which holds the table and the lockfile rules whatever the environments' mode.
jest.setTimeout(600_000);
useEmulator();
useSharedBootstrap();

const NAME = 'modes';

let project: ScratchProject;
/** The state as it was before the current switch. */
let before: StateSnapshot;
let lineage: string;

function switchTo(locking: LockingMode): void {
  project.reconfigure(sharedConfig(NAME, { locking }));
}

/** Same lineage, serial not lower, the same resources, and every stored version in order. */
async function expectStateSurvived(): Promise<StateSnapshot> {
  const after = await currentState(project, 'dev');
  expect(after.lineage).toBe(lineage);
  expect(after.serial).toBeGreaterThanOrEqual(before.serial);
  expect(after.addresses).toEqual(before.addresses);
  const versions = await stateVersions(project, 'dev');
  const serials = versions.map((version) => version.serial);
  expect(serials).toEqual([...serials].sort((a, b) => b - a));
  expect(new Set(versions.map((version) => version.lineage))).toEqual(new Set([lineage]));
  return after;
}

async function expectDigestConsistent(): Promise<void> {
  expect(await recordedDigest(project, 'dev')).toBe(await currentStateMd5(project, 'dev'));
}

beforeAll(async () => {
  project = sharedProject(NAME, sharedConfig(NAME, { locking: 'dynamodb' }));
  await deployWithTerraform(project, ['dev']);
  before = await currentState(project, 'dev');
  lineage = before.lineage;
  expect(before.addresses.some((address) => address.startsWith('aws_s3_bucket.'))).toBe(true);
  await expectDigestConsistent();
});

describe('dynamodb -> dynamodb+s3', () => {
  beforeAll(() => switchTo('dynamodb+s3'));

  test('an initialized machine cannot deploy without --migrate-state: Terraform stops at the backend change', async () => {
    const versionsBefore = (await stateVersions(project, 'dev')).map((version) => version.versionId);
    const deploy = await project.deploy(['dev']);
    expect(deploy.exitCode).not.toBe(0);
    expect(output(deploy)).toContain('Backend configuration changed');
    expect((await stateVersions(project, 'dev')).map((version) => version.versionId)).toEqual(versionsBefore);
  });

  test('cdktf deploy dev --migrate-state switches; the state survives and its digest still matches', async () => {
    const writes = await lockfileWrites(project, 'dev');
    expectSuccess(await project.deploy(['dev'], ['--migrate-state']));
    expect(initializedBackend(project, 'dev').config).toMatchObject({
      dynamodb_table: project.project.names.lockTable,
      use_lockfile: true,
    });
    // The deploy's runs took the S3 lock too: the .tflock object was written (and deleted).
    expect(await lockfileWrites(project, 'dev')).toBeGreaterThan(writes);
    before = await expectStateSurvived();
    await expectDigestConsistent();
  });
});

describe('dynamodb+s3 -> s3', () => {
  let digestBefore: string | undefined;

  beforeAll(async () => {
    switchTo('s3');
    digestBefore = await recordedDigest(project, 'dev');
  });

  test('cdktf deploy dev --migrate-state switches; the state survives', async () => {
    expectSuccess(await project.deploy(['dev'], ['--migrate-state']));
    const backend = initializedBackend(project, 'dev').config;
    expect(backend).toMatchObject({ use_lockfile: true });
    expect(backend.dynamodb_table ?? null).toBeNull();
    before = await expectStateSurvived();
  });

  describe('a run holding the lock', () => {
    let holder: PromptedApply | undefined;

    beforeAll(async () => {
      holder = await applyWaitingForApproval(project, 'dev');
    });

    afterAll(async () => {
      await holder?.release(); // a no-op when the run already ended
    });

    test('holds it as a .tflock object only: no DynamoDB lock item', async () => {
      const lockfile = await heldLockfile(project, 'dev');
      expect(lockfile?.Operation).toBe('OperationTypeApply');
      expect(await heldLock(project, 'dev')).toBeUndefined();
    });

    test('a concurrent run is refused with the lock error naming the .tflock lock, and no DynamoDB item appears', async () => {
      const lockfile = await heldLockfile(project, 'dev');
      const refused = await project.terraform('dev', ['plan', '-input=false', '-lock-timeout=0s']);
      expect(refused.exitCode).not.toBe(0);
      expect(output(refused)).toContain(STATE_LOCK_ERROR);
      expect(output(refused)).toContain(lockfile!.ID);
      expect(await heldLock(project, 'dev')).toBeUndefined();
      expect(await heldLockfile(project, 'dev')).toEqual(lockfile);
    });

    test('the lock tool lists it, held by the .tflock object', async () => {
      const lockfile = await heldLockfile(project, 'dev');
      const list = expectSuccess(await locksInProcess(project, ['list']));
      expect(list.stdout).toContain('Checked: .tflock object\n');
      expect(list.stdout).toMatch(new RegExp(`dev\\s+held\\s+${lockfile!.ID}\\s.*\\.tflock object`));
    });

    test('once approved it applies, writes state and releases the lock; DynamoDB is not involved at all', async () => {
      expectSuccess(await holder!.answer('yes'));
      expect(await heldLockfile(project, 'dev')).toBeUndefined();
      expect(await heldLock(project, 'dev')).toBeUndefined();
      const after = await currentState(project, 'dev');
      expect(after.serial).toBeGreaterThan(before.serial);
      // The digest is no longer maintained: it still describes the state before this run.
      expect(await recordedDigest(project, 'dev')).toBe(digestBefore);
      expect(await currentStateMd5(project, 'dev')).not.toBe(digestBefore);
      before = after;
    });
  });
});

describe('back: s3 -> dynamodb+s3', () => {
  beforeAll(() => switchTo('dynamodb+s3'));

  test('npm run locks -- doctor finds the digest that s3 mode left stale, and fails', async () => {
    const doctor = await locksCli(project, ['doctor']);
    expect(doctor.exitCode).toBe(1);
    expect(doctor.stdout).toMatch(/dev\s+MISMATCH/);
    expect(doctor.stdout).toContain('Rewrite mismatched digests with --fix.');
    // Back on the table, so back on the setting Terraform deprecates.
    expect(doctor.stdout).toContain(
      'Locking mode "dynamodb+s3": Terraform takes the DynamoDB item + .tflock object.\n',
    );
    expect(doctor.stdout).toContain('  Deprecated: dynamodb_table, since Terraform 1.11');
  });

  test('npm run locks -- doctor --fix rewrites it from the state object', async () => {
    const fix = expectSuccess(await locksCli(project, ['doctor', '--fix']));
    expect(fix.stdout).toContain('fixed: digest rewritten from the current state object');
    await expectDigestConsistent();
  });

  test('cdktf deploy dev --migrate-state switches back; the state survives and the digest matches', async () => {
    expectSuccess(await project.deploy(['dev'], ['--migrate-state']));
    expect(initializedBackend(project, 'dev').config).toMatchObject({
      dynamodb_table: project.project.names.lockTable,
      use_lockfile: true,
    });
    before = await expectStateSurvived();
    await expectDigestConsistent();
  });
});

describe('back: dynamodb+s3 -> dynamodb', () => {
  beforeAll(() => switchTo('dynamodb'));

  test('cdktf deploy dev --migrate-state switches back; the runs take no .tflock any more', async () => {
    const writes = await lockfileWrites(project, 'dev');
    expectSuccess(await project.deploy(['dev'], ['--migrate-state']));
    const backend = initializedBackend(project, 'dev').config;
    expect(backend).toMatchObject({ dynamodb_table: project.project.names.lockTable });
    expect(backend.use_lockfile ?? null).toBeNull();
    expect(await lockfileWrites(project, 'dev')).toBe(writes);
    before = await expectStateSurvived();
    await expectDigestConsistent();
    expect(await heldLock(project, 'dev')).toBeUndefined();
  });
});
