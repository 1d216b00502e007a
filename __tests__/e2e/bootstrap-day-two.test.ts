import * as fs from 'node:fs';
import { DescribeTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetObjectCommand, HeadBucketCommand, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import type { ProjectConfig } from '../../config/types';
import { EMULATOR_CREDENTIALS } from '../../app/emulator-endpoint';
import { bootstrapParameterName } from '../../naming/bootstrap-version';
import { awsClients } from '../../tools/aws/clients';
import { isMissingTable } from '../../tools/aws/errors';
import { replicateAsS3Would } from '../../tools/emulator/replicate';
import type { ScratchProject } from '../../tools/emulator/scratch-project';
import { runLocksCli } from '../../tools/locks/run-cli';
import type { HistoryJson, RestoreJson } from '../../tools/state/json-output';
import { runStateCli } from '../../tools/state/run-cli';
import { runCommand, type CommandResult } from '../../tools/terraform/run';
import { FakeIo } from '../tools/locks/support/fake-io';
import { e2eConfig, expectSuccess, output, scratchProject, useEmulator } from './support/e2e';
import { BackendProbe } from './support/backend-probe';
import { synthesizedStack } from './support/locking';
import { recordedDigest, waitFor } from './support/state-inspection';

// The bootstrap's day two, for real on moto: every guard refuses a (targeted) destroy; its state
// moves into its own bucket and back; the lock table is retired and managed again; the teardown
// refuses while anything depends on the storage, then removes all of it, a replica in another
// region and the access log bucket included. One bootstrap, with a customer-managed key (the
// costliest to leave behind).
jest.setTimeout(600_000);
useEmulator();

const NAME = 'daytwo';
/** The teardown's replica region (another region than e2eConfig's state region). */
const REPLICA_REGION = 'us-west-2';
/** The address docs/retiring-the-lock-table.md gives for importing a retired table back. */
const DOCUMENTED_TABLE_ADDRESS = 'aws_dynamodb_table.lock-table_D28631D7';
let project: ScratchProject;
/** Runs on dev's state (support/backend-probe.ts): a state that records a resource, cheaply. */
let dev: BackendProbe;

function configure(settings: Partial<ProjectConfig> = {}): void {
  project.reconfigure(e2eConfig(NAME, { stateEncryption: 'customer-managed', ...settings }));
}

beforeAll(async () => {
  project = scratchProject(NAME, e2eConfig(NAME, { stateEncryption: 'customer-managed' }));
  expectSuccess(await project.deploy(['bootstrap']));
  // The deploy synthesized every stack: dev's backend block is there for the probe.
  dev = new BackendProbe(project, 'dev');
  await dev.init();
  expectSuccess(await dev.apply());
});

/** Terraform addresses of what the synthesized bootstrap declares, by resource type. */
function bootstrapAddresses(): Array<{ type: string; address: string; count?: number }> {
  const { resource } = synthesizedStack(project, 'bootstrap');
  return Object.entries(resource).flatMap(([type, byId]) =>
    Object.entries(byId).map(([id, body]) => ({
      type,
      address: `${type}.${id}`,
      ...((body as { count?: number }).count !== undefined && { count: (body as { count: number }).count }),
    })),
  );
}

/**
 * The documented move, as typed in a terminal: moving a state to another backend makes Terraform
 * ask "Do you want to copy existing state to the new backend?", which cdktf answers; with input
 * disabled (TF_INPUT=0, this suite's default) Terraform would stop instead.
 */
function moveBootstrapState(): Promise<CommandResult> {
  return project.deploy(['bootstrap'], ['--migrate-state'], { TF_INPUT: undefined });
}

describe('every guard on', () => {
  // IAM (policies and roles) is unguarded on purpose: it follows the configuration (docs/iam.md).
  const guarded = () => bootstrapAddresses().filter(({ count, type }) => count !== 0 && !type.startsWith('aws_iam_'));

  test('every resource but the IAM carries prevent_destroy in the stack Terraform runs', () => {
    expect(
      guarded()
        .map(({ type }) => type)
        .sort(),
    ).toEqual(
      [
        'aws_dynamodb_table',
        'aws_kms_alias',
        'aws_kms_key',
        'aws_s3_bucket',
        'aws_s3_bucket_lifecycle_configuration',
        'aws_s3_bucket_ownership_controls',
        'aws_s3_bucket_public_access_block',
        'aws_s3_bucket_server_side_encryption_configuration',
        'aws_s3_bucket_versioning',
        'aws_ssm_parameter',
      ].sort(),
    );
    const { resource } = synthesizedStack(project, 'bootstrap');
    for (const { type, address } of guarded()) {
      const body = resource[type]?.[address.slice(type.length + 1)] as { lifecycle?: { prevent_destroy?: boolean } };
      expect({ address, preventDestroy: body.lifecycle?.prevent_destroy }).toEqual({ address, preventDestroy: true });
    }
  });

  // Terraform applies prevent_destroy to whatever a destroy would remove, targeted or not: shown on the
  // resource nothing depends on (the lifecycle rules) and on the one everything depends on (the bucket).
  // deploy-flow.test.ts shows a whole destroy refused naming every guarded resource.
  test("a targeted destroy of one resource (Terraform's own hint) is refused too: a leaf, and the root", async () => {
    const targets = guarded().filter(({ type }) =>
      ['aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket'].includes(type),
    );
    // Read-only plans of a local state: no lock needed, so they can run side by side.
    const plans = await Promise.all(
      targets.map(({ address }) =>
        project.terraform('bootstrap', [
          'plan',
          '-destroy',
          `-target=${address}`,
          '-refresh=false',
          '-lock=false',
          '-input=false',
        ]),
      ),
    );
    expect(
      plans.map((plan, i) => ({
        address: targets[i]!.address,
        exitCode: plan.exitCode === 0 ? 0 : 1,
        // The leaf's own guard names it; the root's destroy takes every dependent with it, and Terraform
        // names whichever guarded instances it meets.
        refused: output(plan)
          .replace(/\s+/g, ' ')
          .includes(
            targets[i]!.type === 'aws_s3_bucket'
              ? 'Instance cannot be destroyed'
              : `Resource ${targets[i]!.address} has lifecycle.prevent_destroy set`,
          ),
      })),
    ).toEqual(targets.map(({ address }) => ({ address, exitCode: 1, refused: true })));
  });

  test('the TLS-only bucket policy is the one resource emulator mode does not create (count 0); synth tests prove its guard', () => {
    expect(
      bootstrapAddresses()
        .filter(({ count }) => count === 0)
        .map(({ type }) => type),
    ).toEqual(['aws_s3_bucket_policy']);
  });

  test('the storage survives all of it: bucket, table, record', async () => {
    const { stateBucket, lockTable } = project.project.names;
    await project.aws.s3.send(new HeadBucketCommand({ Bucket: stateBucket }));
    await project.aws.dynamodb.send(new DescribeTableCommand({ TableName: lockTable }));
    await project.aws.ssm.send(
      new GetParameterCommand({ Name: bootstrapParameterName(project.project.config.project) }),
    );
  });
});

describe("the bootstrap's state moves into its bucket and back (bootstrapState, cdktf deploy bootstrap --migrate-state)", () => {
  const stateKey = () => project.project.names.bootstrapState.stateKey;
  const localState = () =>
    JSON.parse(fs.readFileSync(project.bootstrapStateFile, 'utf8') || '{"resources":[]}') as {
      resources: Array<{ type: string; name: string; instances?: Array<{ attributes?: { id?: string } }> }>;
    };
  async function bucketState() {
    const object = await project.aws.s3.send(
      new GetObjectCommand({ Bucket: project.project.names.stateBucket, Key: stateKey() }),
    );
    return JSON.parse(await object.Body!.transformToString('utf-8')) as typeof localBefore;
  }
  // Each resource with the ID of the object it manages: the same objects, not re-created ones.
  const addresses = (state: {
    resources: Array<{ type: string; name: string; instances?: Array<{ attributes?: { id?: string } }> }>;
  }) =>
    state.resources
      .map((resource) => `${resource.type}.${resource.name}=${resource.instances?.[0]?.attributes?.id}`)
      .sort();
  let localBefore: ReturnType<typeof localState>;

  beforeAll(() => {
    localBefore = localState();
  });

  // Terraform gives the copy a lineage of its own; what must not change is what it manages.
  test('local -> s3: the same resources, with the same IDs, land at bootstrap/terraform.tfstate; nothing replaced', async () => {
    configure({ bootstrapState: 's3' });
    const move = expectSuccess(await moveBootstrapState());
    // The deploy plans right after the move: no changes.
    expect(output(move)).toContain('No changes.');
    expect(output(move)).not.toMatch(/\b[1-9]\d* (added|changed|destroyed)/);
    const moved = await bucketState();
    expect(addresses(moved)).toEqual(addresses(localBefore));
    expect(addresses(moved).length).toBeGreaterThan(5);
  });

  test("moving again is safe (a second --migrate-state deploy changes nothing), and its runs are locked like the environments'", async () => {
    const { lockId, digestId } = project.project.names.bootstrapState;
    const table = project.project.names.lockTable;
    const item = (id: string) =>
      project.aws.dynamodb.send(
        new GetItemCommand({ TableName: table, Key: { LockID: { S: id } }, ConsistentRead: true }),
      );
    let finished = false;
    const running = moveBootstrapState().finally(() => (finished = true));
    // The deploy's apply takes the bootstrap's lock in the table, like an environment's.
    const seen = await waitFor(
      async () => ((await item(lockId)).Item?.Info?.S !== undefined ? 'lock' : finished ? 'finished first' : undefined),
      'the bootstrap deploy to take its lock',
      300_000,
    );
    expect(seen).toBe('lock');
    const again = expectSuccess(await running);
    expect(output(again)).toContain('No changes.');
    expect((await item(lockId)).Item).toBeUndefined();
    expect((await item(digestId)).Item?.Digest?.S).toMatch(/^[0-9a-f]{32}$/);
  });

  test('the operating tools reach it by name: locks list bootstrap, state history bootstrap, a dry-run restore', async () => {
    const tool = async (
      run: (args: readonly string[], io: FakeIo, options: Pick<ScratchProject, 'project' | 'env'>) => Promise<number>,
      args: readonly string[],
    ) => {
      const io = new FakeIo();
      const exitCode = await run(args, io, { project: project.project, env: project.env });
      expect({ exitCode, stderr: io.stderr }).toEqual({ exitCode: 0, stderr: '' });
      return JSON.parse(io.stdout) as unknown;
    };
    expect(await tool(runLocksCli, ['list', 'bootstrap', '--json'])).toMatchObject({
      environments: [{ environment: 'bootstrap', state: 'free' }],
    });
    const history = (await tool(runStateCli, ['history', 'bootstrap', '--json'])) as HistoryJson;
    expect(history.key).toBe('bootstrap/terraform.tfstate');
    const oldest = history.versions.at(-1);
    expect(oldest?.resources).toBeGreaterThan(5);
    const before = history.versions.map((version) => version.versionId);
    const dry = (await tool(runStateCli, [
      'restore',
      'bootstrap',
      '--version-id',
      oldest!.versionId,
      '--dry-run',
      '--json',
    ])) as RestoreJson;
    expect(dry).toMatchObject({ outcome: 'dry-run', newVersionId: null });
    const after = (await tool(runStateCli, ['history', 'bootstrap', '--json'])) as HistoryJson;
    expect(after.versions.map((version) => version.versionId)).toEqual(before);
  });

  test('s3 -> local: the local file records the same resources again; the plan after the move shows no changes', async () => {
    configure({ bootstrapState: 'local' });
    const back = expectSuccess(await moveBootstrapState());
    expect(output(back)).toContain('No changes.');
    expect(addresses(localState())).toEqual(addresses(localBefore));
  });
});

describe('retiring the lock table (locking "s3", retireLockTable: true)', () => {
  const tableName = () => project.project.names.lockTable;

  beforeAll(() => {
    configure({ locking: 's3', retireLockTable: true });
  });

  test('cdktf deploy bootstrap forgets the table, says so, and destroys nothing', async () => {
    const deploy = expectSuccess(await project.deploy(['bootstrap']));
    expect(output(deploy)).toContain(
      `${DOCUMENTED_TABLE_ADDRESS} will no longer be managed by Terraform, but will not be destroyed`,
    );
    // Changed: only dev's and prod's state policies, which drop the table with dynamodb -> s3 (docs/iam.md).
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
      configure();
      expectSuccess(await project.synth());
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
      // The table as it is; only the state policies change, regaining the table for dynamodb (docs/iam.md).
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

describe('npm run teardown', () => {
  const teardown = (args: readonly string[]) =>
    runCommand(process.execPath, ['scripts/run-app.js', 'tools/teardown/teardown.ts', ...args], {
      cwd: project.directory,
      env: project.env,
      timeoutMs: 300_000,
    });
  const bucket = () => project.project.names.stateBucket;
  const versions = async () =>
    (await project.aws.s3.send(new ListObjectVersionsCommand({ Bucket: bucket() }))).Versions?.length ?? 0;

  const replicaS3 = () => awsClients(REPLICA_REGION, project.env).s3;

  beforeAll(async () => {
    // The riskier path: the bootstrap's own state is in the bucket the teardown empties. (The
    // move's deploy also applies the state policies the table's import above left to change.)
    // With a replica in another region and access logs (issue 16), each holding objects, the
    // teardown has every bucket the bootstrap can create to empty and delete.
    configure({ bootstrapState: 's3', stateReplicaRegion: REPLICA_REGION, stateAccessLogs: true });
    expectSuccess(await moveBootstrapState());
    const { names } = project.project;
    expect(await replicateAsS3Would(project.project, { source: project.aws.s3, replica: replicaS3() })).toBeGreaterThan(
      0,
    );
    await project.aws.s3.send(
      new PutObjectCommand({ Bucket: names.accessLogBucket!, Key: 'state-bucket/2026-12-06-access-log', Body: 'log' }),
    );
  });

  test('refuses without the confirmation, or with a wrong one: exit 2, nothing changed', async () => {
    const before = await versions();
    const missing = await teardown([]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(`pass --confirm ${bucket()}`);
    const wrong = await teardown(['--confirm', 'someone-elses-bucket']);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toContain('does not match the state bucket');
    expect(await versions()).toBe(before);
  });

  test("refuses while dev's state records resources, naming them; dev is untouched", async () => {
    const before = await versions();
    const refused = await teardown(['--confirm', bucket()]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/dev: \d+ resources? in dev\/terraform\.tfstate/);
    expect(refused.stderr).toContain('nothing was changed');
    expect(await versions()).toBe(before);
    const plan = await dev.terraform(['plan', '-detailed-exitcode', '-input=false']);
    expect(plan.exitCode).toBe(0);
  });

  test('--dry-run, once dev is destroyed, lists what would go and changes nothing', async () => {
    expectSuccess(await dev.terraform(['destroy', '-auto-approve', '-input=false']));
    const before = await versions();
    const dry = expectSuccess(await teardown(['--confirm', bucket(), '--dry-run']));
    expect(dry.stdout).toContain('Would delete (dry run, nothing changed):');
    expect(dry.stdout).toMatch(new RegExp(`state bucket ${bucket()}: \\d+ object versions`));
    const { names } = project.project;
    expect(dry.stdout).toMatch(new RegExp(`replica bucket ${names.replicaBucket!}: [1-9]\\d* object versions?`));
    // The object put above, and the access logs moto writes for the state bucket's requests.
    expect(dry.stdout).toMatch(new RegExp(`access log bucket ${names.accessLogBucket!}: [1-9]\\d* object versions?`));
    expect(dry.stdout).toContain(`lock table ${names.lockTable}`);
    expect(dry.stdout).toContain(
      'KMS keys alias/e2e-daytwo-tfstate, alias/e2e-daytwo-tfstate-replica: scheduled for deletion',
    );
    expect(await versions()).toBe(before);
  });

  test('removes the buckets (state, replica, access logs) with every version, the table, the record; schedules the keys; empties the local state', async () => {
    const recorded = await project.aws.s3.send(
      new GetObjectCommand({ Bucket: bucket(), Key: project.project.names.bootstrapState.stateKey }),
    );
    const state = JSON.parse(await recorded.Body!.transformToString('utf-8')) as {
      resources: Array<{ type: string; instances: Array<{ attributes: { key_id?: string } }> }>;
    };
    const keyId = state.resources.find((resource) => resource.type === 'aws_kms_key')?.instances[0]?.attributes.key_id;
    expect(keyId).toBeDefined();
    const done = expectSuccess(await teardown(['--confirm', bucket()]));
    expect(done.stdout).toContain('Done: the state storage is gone');
    const { names } = project.project;
    for (const [s3, name] of [
      [project.aws.s3, bucket()],
      [replicaS3(), names.replicaBucket!],
      [project.aws.s3, names.accessLogBucket!],
    ] as const) {
      await expect(s3.send(new HeadBucketCommand({ Bucket: name }))).rejects.toMatchObject({
        name: expect.stringMatching(/NotFound|NoSuchBucket/),
      });
    }
    const table = await project.aws.dynamodb
      .send(new DescribeTableCommand({ TableName: project.project.names.lockTable }))
      .then(
        () => 'exists',
        (error: unknown) => (isMissingTable(error) ? 'gone' : String(error)),
      );
    expect(table).toBe('gone');
    await expect(
      project.aws.ssm.send(new GetParameterCommand({ Name: bootstrapParameterName(project.project.config.project) })),
    ).rejects.toMatchObject({ name: 'ParameterNotFound' });
    const local = JSON.parse(fs.readFileSync(project.bootstrapStateFile, 'utf8')) as { resources: unknown[] };
    expect(local.resources).toEqual([]);
    // Each alias is gone with its key's scheduling; the keys themselves wait out their 7-day window.
    for (const [region, alias] of [
      [project.project.config.stateRegion, 'alias/e2e-daytwo-tfstate'],
      [REPLICA_REGION, 'alias/e2e-daytwo-tfstate-replica'],
    ]) {
      const kms = new KMSClient({
        region,
        endpoint: project.env.AWS_ENDPOINT_URL,
        credentials: { accessKeyId: EMULATOR_CREDENTIALS.accessKey, secretAccessKey: EMULATOR_CREDENTIALS.secretKey },
      });
      const key = await kms.send(new DescribeKeyCommand({ KeyId: alias })).catch((error: unknown) => error);
      expect(key).toMatchObject({ name: 'NotFoundException' });
    }
  });

  test('a second run says there is nothing to delete', async () => {
    const again = expectSuccess(await teardown(['--confirm', bucket()]));
    expect(again.stdout).toContain('Nothing to delete');
  });
});
