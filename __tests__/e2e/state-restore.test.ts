import { createHash } from 'node:crypto';
import * as path from 'node:path';
import {
  DeleteObjectCommand,
  GetBucketLoggingCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { LockingMode } from '../../config/types';
import { awsClients } from '../../tools/aws/clients';
import type { ScratchProject } from '../../tools/emulator/scratch-project';
import { replicateAsS3Would } from '../../tools/emulator/replicate';
import { runStateCli } from '../../tools/state/run-cli';
import type { HistoryJson, RestoreJson } from '../../tools/state/json-output';
import type { CommandResult } from '../../tools/terraform/run';
import { FakeIo } from '../tools/locks/support/fake-io';
import { probesOf, type BackendProbe } from './support/backend-probe';
import {
  expectSuccess,
  output,
  sharedConfig,
  sharedProject,
  useEmulator,
  useSharedBootstrap,
  workDirectory,
} from './support/e2e';
import { CHECKSUM_ERROR, heldLockfile, locksInProcess, probeWaitingForApproval } from './support/locking';
import { SHARED_REPLICA_REGION, sharedPaths } from './support/shared-bootstrap';
import { heldLock, recordedDigest } from './support/state-inspection';

// `npm run state -- history|restore` (docs/recover-a-state.md) on real states written by real
// Terraform runs on moto, in every locking mode: a restore takes the locks Terraform takes, writes
// the chosen version as a new current one with a higher serial, and (with a table) the digest that
// matches it, so the next plan reads it. On the shared bootstrap, whose replica and access logs are
// read back here too. The runs are backend probes (support/backend-probe.ts): the environment's
// backend block, one terraform_data resource whose input is the note of the run that wrote it.
jest.setTimeout(600_000);
useEmulator();
useSharedBootstrap();

const MODES: readonly LockingMode[] = ['dynamodb', 'dynamodb+s3', 's3'];

interface Run {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run state -- <args>` in-process, against the scratch project's configuration and emulator. */
async function state(project: ScratchProject, args: readonly string[]): Promise<Run> {
  const io = new FakeIo();
  const exitCode = await runStateCli(args, io, { project: project.project, env: project.env });
  return { exitCode, stdout: io.stdout, stderr: io.stderr };
}

async function history(project: ScratchProject, extra: readonly string[] = []): Promise<HistoryJson> {
  const run = await state(project, ['history', 'dev', '--json', ...extra]);
  expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
  return JSON.parse(run.stdout) as HistoryJson;
}

async function restore(project: ScratchProject, args: readonly string[]): Promise<{ run: Run; json: RestoreJson }> {
  const run = await state(project, ['restore', 'dev', ...args, '--json']);
  return { run, json: JSON.parse(run.stdout || '{}') as RestoreJson };
}

/** The current state object's bytes and MD5. */
async function currentObject(project: ScratchProject): Promise<{ body: string; md5: string }> {
  const object = await project.aws.s3.send(
    new GetObjectCommand({
      Bucket: project.project.names.stateBucket,
      Key: project.project.names.environments.dev!.stateKey,
    }),
  );
  const bytes = Buffer.from(await object.Body!.transformToByteArray());
  return { body: bytes.toString('utf8'), md5: createHash('md5').update(bytes).digest('hex') };
}

/** The note (the probe's input) the current state records. */
async function currentNote(project: ScratchProject): Promise<string | undefined> {
  const parsed = JSON.parse((await currentObject(project)).body) as {
    resources: Array<{ instances: Array<{ attributes: { input?: { value?: string } } }> }>;
  };
  return parsed.resources[0]?.instances[0]?.attributes.input?.value;
}

/** A plan with `note` = second: reads the state (the digest check in the table modes) and shows what it would change. */
function planSecond(probe: BackendProbe): Promise<CommandResult> {
  return probe.terraform(['plan', '-input=false', '-lock-timeout=0s', '-detailed-exitcode', '-var=note=second']);
}

async function expectNoLockLeft(project: ScratchProject): Promise<void> {
  expect(await heldLock(project, 'dev')).toBeUndefined();
  expect(await heldLockfile(project, 'dev')).toBeUndefined();
  const list = expectSuccess(await locksInProcess(project, ['list']));
  expect(list.stdout).toMatch(/^dev\s+free\s/m);
}

describe.each(MODES)('in %s locking mode, after two applies of dev', (locking) => {
  let project: ScratchProject;
  let dev: BackendProbe;
  let before: HistoryJson;
  let restored: { run: Run; json: RestoreJson };

  beforeAll(async () => {
    const name = `restore-${locking.replace('+', '-')}`;
    project = sharedProject(name, sharedConfig(name, { locking }));
    ({ dev } = await probesOf(project, ['dev']));
    expectSuccess(await dev.apply(['-var=note=first']));
    expectSuccess(await dev.apply(['-var=note=second']));
    before = await history(project);
    restored = await restore(project, ['--version-id', before.versions[1]!.versionId]);
  });

  test('history lists both versions, newest first, with serial and lineage', () => {
    expect(before.versions.map((version) => version.status)).toEqual(['current', 'older']);
    const [second, first] = before.versions;
    expect(second!.serial).toBeGreaterThan(first!.serial!);
    expect(second!.lineage).toBe(first!.lineage);
    expect(first!.resources).toBe(1);
  });

  test('restore of the first writes it as a new current version, serial above every other, the replaced one kept', async () => {
    expect({ exitCode: restored.run.exitCode, stderr: restored.run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(restored.json.outcome).toBe('restored');
    const serials = before.versions.map((version) => version.serial ?? 0);
    expect(restored.json.plan?.serialTo).toBeGreaterThan(Math.max(...serials));
    const after = await history(project);
    expect(after.versions.map((version) => version.versionId)).toEqual([
      restored.json.newVersionId,
      ...before.versions.map((version) => version.versionId),
    ]);
    expect(after.versions[0]?.lineage).toBe(before.versions[0]?.lineage);
    expect(await currentNote(project)).toBe('first');
  });

  const table = locking !== 's3';
  test(
    table
      ? 'the -md5 digest is the MD5 of the new object'
      : 'no table: the restore writes no digest (none is kept in this mode)',
    async () => {
      const { md5 } = await currentObject(project);
      if (table) {
        expect(await recordedDigest(project, 'dev')).toBe(md5);
        expect(restored.json.digest).toBe(md5);
      } else {
        expect(restored.json.plan?.writesDigest).toBe(false);
      }
    },
  );

  test('the next terraform plan reads it (no digest error) and shows the expected change: first -> second', async () => {
    const plan = await planSecond(dev);
    expect(output(plan)).not.toContain(CHECKSUM_ERROR);
    expect(plan.exitCode).toBe(2);
    expect(output(plan)).toMatch(/"first" -> "second"/);
  });

  test('no lock is left behind', async () => {
    await expectNoLockLeft(project);
  });
});

describe('in dynamodb+s3 mode (both locks), the refusals and the deleted state', () => {
  const NAME = 'restore-guards';
  let project: ScratchProject;
  let dev: BackendProbe;
  let prod: BackendProbe;

  beforeAll(async () => {
    project = sharedProject(NAME, sharedConfig(NAME, { locking: 'dynamodb+s3' }));
    ({ dev, prod } = await probesOf(project, ['dev', 'prod']));
    expectSuccess(await dev.apply(['-var=note=first']));
    expectSuccess(await dev.apply(['-var=note=second']));
    expectSuccess(await prod.apply(['-var=note=prod']));
  });

  test('--dry-run says what would change and writes nothing', async () => {
    const versions = (await history(project)).versions;
    const digest = await recordedDigest(project, 'dev');
    const dry = await restore(project, ['--version-id', versions[1]!.versionId, '--dry-run']);
    expect(dry.run.exitCode).toBe(0);
    expect(dry.json.outcome).toBe('dry-run');
    expect(dry.json.plan?.serialFrom).toBe(versions[0]!.serial);
    expect(dry.json.plan?.serialTo).toBeGreaterThan(versions[0]!.serial!);
    expect(dry.json.plan?.locks).toEqual(expect.arrayContaining(['dynamodb', 's3']));
    expect((await history(project)).versions).toEqual(versions);
    expect(await recordedDigest(project, 'dev')).toBe(digest);
  });

  test('refused while a run holds the lock, naming it; nothing written, the run keeps its lock', async () => {
    const holder = await probeWaitingForApproval(dev);
    try {
      const lock = (await heldLock(project, 'dev'))!;
      const versions = (await history(project)).versions;
      const digest = await recordedDigest(project, 'dev');
      const refused = await state(project, ['restore', 'dev', '--version-id', versions[1]!.versionId]);
      expect(refused.exitCode).toBe(1);
      expect(refused.stderr).toContain(lock.ID);
      expect((await history(project)).versions).toEqual(versions);
      expect(await recordedDigest(project, 'dev')).toBe(digest);
      expect(await heldLock(project, 'dev')).toEqual(lock);
      expect(await heldLockfile(project, 'dev')).toEqual(lock);
    } finally {
      await holder.answer('no');
    }
    await expectNoLockLeft(project);
  });

  test("a version of another lineage (prod's state pushed into dev by mistake) is refused without --force, naming both", async () => {
    const devVersions = (await history(project)).versions;
    const devLineage = devVersions[0]!.lineage!;
    const prodState = JSON.parse(
      (
        await (
          await project.aws.s3.send(
            new GetObjectCommand({
              Bucket: project.project.names.stateBucket,
              Key: project.project.names.environments.prod!.stateKey,
            }),
          )
        ).Body!.transformToString()
      ).toString(),
    ) as { lineage: string };
    // The mistake: prod's state object written over dev's, as a wrong `terraform state push` would.
    await project.aws.s3.send(
      new PutObjectCommand({
        Bucket: project.project.names.stateBucket,
        Key: project.project.names.environments.dev!.stateKey,
        Body: JSON.stringify(prodState),
      }),
    );
    const versions = (await history(project)).versions;
    expect(versions[0]!.lineage).toBe(prodState.lineage);
    const refused = await state(project, ['restore', 'dev', '--version-id', devVersions[0]!.versionId]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(devLineage);
    expect(refused.stderr).toContain(prodState.lineage);
    expect((await history(project)).versions).toEqual(versions);

    const forced = await restore(project, ['--version-id', devVersions[0]!.versionId, '--force']);
    expect(forced.run.exitCode).toBe(0);
    expect((await history(project)).versions[0]?.lineage).toBe(devLineage);
    expect(await recordedDigest(project, 'dev')).toBe((await currentObject(project)).md5);
    const plan = await planSecond(dev);
    expect(output(plan)).not.toContain(CHECKSUM_ERROR);
    expect(plan.exitCode).toBe(0);
  });

  test('a deleted state (a delete marker current) comes back the same way', async () => {
    await project.aws.s3.send(
      new DeleteObjectCommand({
        Bucket: project.project.names.stateBucket,
        Key: project.project.names.environments.dev!.stateKey,
      }),
    );
    const versions = (await history(project)).versions;
    expect(versions[0]!.status).toBe('delete-marker');
    const under = versions.find((version) => version.status !== 'delete-marker')!;
    const back = await restore(project, ['--version-id', under.versionId]);
    expect(back.run.exitCode).toBe(0);
    expect(back.json.plan?.current.kind).toBe('deleted');
    expect(await currentNote(project)).toBe('second');
    const plan = await planSecond(dev);
    expect(output(plan)).not.toContain(CHECKSUM_ERROR);
    expect(plan.exitCode).toBe(0);
    await expectNoLockLeft(project);
  });

  test('bad input: an unknown version ID and a delete marker refused as usage errors (2), nothing written', async () => {
    const versions = (await history(project)).versions;
    const marker = versions.find((version) => version.status === 'delete-marker')!;
    for (const versionId of ['no-such-version', marker.versionId]) {
      const run = await state(project, ['restore', 'dev', '--version-id', versionId]);
      expect({ versionId, exitCode: run.exitCode }).toEqual({ versionId, exitCode: 2 });
      expect(run.stderr).toContain(versionId);
    }
    expect((await history(project)).versions).toEqual(versions);
    await expectNoLockLeft(project);
  });
});

describe("the shared bootstrap's replica and access logs (stateReplicaRegion, stateAccessLogs)", () => {
  const NAME = 'restore-replica';
  let project: ScratchProject;
  let dev: BackendProbe;

  beforeAll(async () => {
    project = sharedProject(NAME, sharedConfig(NAME, { locking: 'dynamodb+s3' }));
    ({ dev } = await probesOf(project, ['dev']));
    expectSuccess(await dev.apply(['-var=note=first']));
    expectSuccess(await dev.apply(['-var=note=second']));
  });

  test('the state bucket replicates everything into the replica, versioned, in its own region, with its own key', async () => {
    const { names } = project.project;
    const { ReplicationConfiguration } = await project.aws.s3.send(
      new GetBucketReplicationCommand({ Bucket: names.stateBucket }),
    );
    expect(ReplicationConfiguration?.Role).toMatch(/^arn:aws:iam::\d{12}:role\//);
    const [rule] = ReplicationConfiguration?.Rules ?? [];
    expect(rule).toMatchObject({
      Status: 'Enabled',
      Destination: { Bucket: `arn:aws:s3:::${names.replicaBucket}` },
    });
    expect(rule?.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID).toMatch(/^arn:aws:kms:us-west-2:/);
    const replica = awsClients(SHARED_REPLICA_REGION, project.env).s3;
    expect((await replica.send(new GetBucketVersioningCommand({ Bucket: names.replicaBucket! }))).Status).toBe(
      'Enabled',
    );
  });

  test('its server access logs go to the log bucket', async () => {
    const { names } = project.project;
    const { LoggingEnabled } = await project.aws.s3.send(new GetBucketLoggingCommand({ Bucket: names.stateBucket }));
    expect(LoggingEnabled).toMatchObject({ TargetBucket: names.accessLogBucket, TargetPrefix: 'state-bucket/' });
  });

  test('the bootstrap with them plans no changes once deployed', async () => {
    const shared = path.join(sharedPaths(workDirectory()).project, 'cdktf.out', 'stacks', 'bootstrap');
    const plan = await project.terraformIn(shared, ['plan', '-detailed-exitcode', '-input=false', '-lock=false']);
    expect({ exitCode: plan.exitCode, stderr: plan.stderr }).toEqual({ exitCode: 0, stderr: '' });
  });

  test("restore from the replica when the state bucket's versions are gone (moto copies nothing: copied here as S3 would)", async () => {
    const { names } = project.project;
    const replica = awsClients(SHARED_REPLICA_REGION, project.env).s3;
    const stateKey = names.environments.dev!.stateKey;
    // Its two state versions, and the lockfile's (same prefix): everything the rule would have copied.
    expect(
      await replicateAsS3Would(project.project, { source: project.aws.s3, replica }, stateKey),
    ).toBeGreaterThanOrEqual(2);
    // Every version of dev's state deleted from the state bucket, as a careless clean-up would.
    for (const version of (await history(project)).versions) {
      await project.aws.s3.send(
        new DeleteObjectCommand({ Bucket: names.stateBucket, Key: stateKey, VersionId: version.versionId }),
      );
    }
    expect((await history(project)).versions).toEqual([]);
    const kept = await history(project, ['--replica']);
    expect(kept.versions).toHaveLength(2);
    const first = kept.versions[1]!;
    const back = await restore(project, ['--version-id', first.versionId, '--from-replica']);
    expect({ exitCode: back.run.exitCode, stderr: back.run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(await currentNote(project)).toBe('first');
    expect(await recordedDigest(project, 'dev')).toBe((await currentObject(project)).md5);
    const plan = await planSecond(dev);
    expect(output(plan)).not.toContain(CHECKSUM_ERROR);
    expect(plan.exitCode).toBe(2);
    expect(output(plan)).toMatch(/"first" -> "second"/);
    await expectNoLockLeft(project);
  });
});
