import * as fs from 'node:fs';
import { DescribeTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetObjectCommand, HeadBucketCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { EMULATOR_CREDENTIALS } from '../../app/emulator-endpoint';
import { bootstrapParameterName } from '../../naming/bootstrap-version';
import { isMissingTable } from '../../tools/aws/errors';
import type { ScratchProject } from '../../tools/emulator/scratch-project';
import { runCommand, type CommandResult } from '../../tools/terraform/run';
import { e2eConfig, expectSuccess, output, scratchProject, useEmulator } from './support/e2e';
import { bootstrapWithEnvironments, synthesizedStack } from './support/locking';
import { waitFor } from './support/state-inspection';

// The bootstrap's day two, for real on moto: every guard refuses a (targeted) destroy; its state
// moves into its own bucket and back; the teardown refuses while anything depends on the storage,
// then removes all of it. One bootstrap, with a customer-managed key (the costliest to leave behind).
jest.setTimeout(600_000);
useEmulator();

const NAME = 'daytwo';
let project: ScratchProject;

function configure(bootstrapState: 'local' | 's3'): void {
  project.reconfigure(e2eConfig(NAME, { stateEncryption: 'customer-managed', bootstrapState }));
}

beforeAll(async () => {
  project = scratchProject(NAME, e2eConfig(NAME, { stateEncryption: 'customer-managed' }));
  await bootstrapWithEnvironments(project, ['dev']);
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
  test("a targeted destroy of each resource alone (Terraform's own hint) is refused too", async () => {
    // IAM (policies and roles) is unguarded on purpose: it follows the configuration (docs/iam.md).
    const targets = bootstrapAddresses().filter(({ count, type }) => count !== 0 && !type.startsWith('aws_iam_'));
    expect(targets.map(({ type }) => type).sort()).toEqual(
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
    // Read-only plans of a local state: no lock needed, so they can run side by side.
    const results: Array<{ address: string; exitCode: number; refused: boolean }> = [];
    for (let index = 0; index < targets.length; index += 3) {
      const batch = targets.slice(index, index + 3);
      const plans = await Promise.all(
        batch.map(({ address }) =>
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
      plans.forEach((plan, i) =>
        results.push({
          address: batch[i]!.address,
          exitCode: plan.exitCode === 0 ? 0 : 1,
          refused: output(plan).includes('Instance cannot be destroyed'),
        }),
      );
    }
    expect(results).toEqual(targets.map(({ address }) => ({ address, exitCode: 1, refused: true })));
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
    configure('s3');
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

  test('s3 -> local: the local file records the same resources again; the plan after the move shows no changes', async () => {
    configure('local');
    const back = expectSuccess(await moveBootstrapState());
    expect(output(back)).toContain('No changes.');
    expect(addresses(localState())).toEqual(addresses(localBefore));
  });
});

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

  beforeAll(async () => {
    // The riskier path: the bootstrap's own state is in the bucket the teardown empties.
    configure('s3');
    expectSuccess(await moveBootstrapState());
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
    const plan = await project.terraform('dev', ['plan', '-detailed-exitcode', '-input=false']);
    expect(plan.exitCode).toBe(0);
  });

  test('--dry-run, once dev is destroyed, lists what would go and changes nothing', async () => {
    expectSuccess(await project.cdktf(['destroy', 'dev', '--auto-approve', '--skip-provider-lock']));
    const before = await versions();
    const dry = expectSuccess(await teardown(['--confirm', bucket(), '--dry-run']));
    expect(dry.stdout).toContain('Would delete (dry run, nothing changed):');
    expect(dry.stdout).toMatch(new RegExp(`state bucket ${bucket()}: \\d+ object versions`));
    expect(dry.stdout).toContain(`lock table ${project.project.names.lockTable}`);
    expect(dry.stdout).toContain('KMS key alias/e2e-daytwo-tfstate: scheduled for deletion');
    expect(await versions()).toBe(before);
  });

  test('removes the bucket with every version, the table, the record; schedules the key; empties the local state', async () => {
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
    await expect(project.aws.s3.send(new HeadBucketCommand({ Bucket: bucket() }))).rejects.toMatchObject({
      name: expect.stringMatching(/NotFound|NoSuchBucket/),
    });
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
    const kms = new KMSClient({
      region: project.project.config.stateRegion,
      endpoint: project.env.AWS_ENDPOINT_URL,
      credentials: { accessKeyId: EMULATOR_CREDENTIALS.accessKey, secretAccessKey: EMULATOR_CREDENTIALS.secretKey },
    });
    const key = await kms
      .send(new DescribeKeyCommand({ KeyId: 'alias/e2e-daytwo-tfstate' }))
      .catch((error: unknown) => error);
    // The alias is gone with the key's scheduling; the key itself waits out its 7-day window.
    expect(key).toMatchObject({ name: 'NotFoundException' });
  });

  test('a second run says there is nothing to delete', async () => {
    const again = expectSuccess(await teardown(['--confirm', bucket()]));
    expect(again.stdout).toContain('Nothing to delete');
  });
});
