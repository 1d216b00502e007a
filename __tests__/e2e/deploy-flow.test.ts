import * as fs from 'node:fs';
import * as path from 'node:path';
import { DescribeContinuousBackupsCommand, DescribeTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  ListObjectVersionsCommand,
} from '@aws-sdk/client-s3';
import { DeleteParameterCommand, GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { createHash } from 'node:crypto';
import { bootstrapMissingWarning } from '../../app/bootstrap-hint';
import { EMULATOR_BOOTSTRAP_STATE_FILE } from '../../app/emulator-endpoint';
import { BOOTSTRAP_VERSION, bootstrapParameterName } from '../../naming/bootstrap-version';
import type { ScratchProject } from '../../tools/emulator/scratch-project';
import type { CommandResult } from '../../tools/terraform/run';
import { managedResources } from '../../tools/terraform/state-file';
import { bucketExists, expectSuccess, output, scratchProject, useEmulator } from './support/e2e';
import { synthesizedStack } from './support/locking';

// The user's flow, for real: `cdktf deploy bootstrap`, then `cdktf deploy dev prod`, against moto.
jest.setTimeout(600_000);
useEmulator();

let project: ScratchProject;

const ssm = () => project.aws.ssm;
let bucket: string;
let table: string;

let interrupted: CommandResult;

/** How many managed resources the bootstrap's local state records (an empty file: none). */
function bootstrapResources(): number {
  const text = fs.existsSync(project.bootstrapStateFile) ? fs.readFileSync(project.bootstrapStateFile, 'utf8') : '';
  return text.trim() === '' ? 0 : managedResources(text);
}
/** Resources the interrupted deploy's state records. */
let interruptedResources: number;
/** The deploy right after the interrupted one. */
let again: CommandResult;

beforeAll(async () => {
  project = scratchProject('flow');
  ({ stateBucket: bucket, lockTable: table } = project.project.names);
  // A first deploy as a script would run it by mistake: no terminal and no --auto-approve.
  interrupted = await project.cdktf(['deploy', 'bootstrap', '--skip-provider-lock'], 120_000, { CI: undefined });
  interruptedResources = bootstrapResources();
  again = await project.deploy(['bootstrap']);
});

describe('an interrupted first deploy (no terminal, no --auto-approve)', () => {
  test("crashes inside the cdktf CLI, as it does (the README's troubleshooting names the fix)", () => {
    expect(interrupted.exitCode).not.toBe(0);
    expect(output(interrupted)).toContain('Raw mode is not supported');
  });

  // Where it stops varies with the machine's speed: before the apply (an empty state file) or part-way.
  test('does not break the next deploy: its state records what it created, if anything, and the next deploy completes the rest', () => {
    expect(again.exitCode).toBe(0);
    const declared = Object.values(synthesizedStack(project, 'bootstrap').resource).flatMap((byId) =>
      Object.values(byId).filter((body) => (body as { count?: number }).count !== 0),
    );
    expect(bootstrapResources()).toBe(declared.length);
    expect(interruptedResources).toBeLessThanOrEqual(declared.length);
  });
});

describe('the bootstrap version check, before the bootstrap record is right', () => {
  let recordName: string;
  const devState = async () =>
    (await project.aws.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'dev/' }))).Versions?.map(
      (version) => version.Key,
    ) ?? [];

  beforeAll(() => {
    recordName = bootstrapParameterName(project.project.config.project);
  });

  test.each([
    ['no record at all', undefined, `found none (no parameter`],
    [
      'an older version',
      { version: BOOTSTRAP_VERSION - 1, environments: ['dev', 'prod'] },
      `found ${BOOTSTRAP_VERSION - 1}: run`,
    ],
    ['a record without dev', { version: BOOTSTRAP_VERSION, environments: ['prod'] }, `"dev" is not in it: run`],
  ])('with %s, cdktf deploy dev is refused before any change, saying what to do', async (_, record, message) => {
    if (record === undefined) await ssm().send(new DeleteParameterCommand({ Name: recordName }));
    else
      await ssm().send(
        new PutParameterCommand({ Name: recordName, Value: JSON.stringify(record), Type: 'String', Overwrite: true }),
      );
    const deploy = await project.deploy(['dev'], ['--skip-synth']);
    expect(deploy.exitCode).not.toBe(0);
    const text = output(deploy).replace(/\s+/g, ' ');
    expect(text).toContain(`environment "dev" needs bootstrap version ${BOOTSTRAP_VERSION} for this project`);
    expect(text).toContain(message);
    expect(text).toContain('npx cdktf deploy bootstrap');
    expect(await devState()).toEqual([]);
  });

  test('cdktf deploy bootstrap writes the record again; only the record changes', async () => {
    const deploy = expectSuccess(await project.deploy(['bootstrap']));
    expect(output(deploy)).toMatch(/Apply complete! Resources: [01] added, [01] changed, 0 destroyed/);
    const value = (await ssm().send(new GetParameterCommand({ Name: recordName }))).Parameter?.Value;
    expect(JSON.parse(value ?? '{}')).toEqual({ version: BOOTSTRAP_VERSION, environments: ['dev', 'prod'] });
  });
});

describe('cdktf deploy bootstrap', () => {
  test('creates a versioned state bucket', async () => {
    const versioning = await project.aws.s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    expect(versioning.Status).toBe('Enabled');
  });

  test('with SSE-KMS default encryption and a bucket key', async () => {
    const encryption = await project.aws.s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
    expect(encryption.ServerSideEncryptionConfiguration?.Rules).toEqual([
      expect.objectContaining({
        ApplyServerSideEncryptionByDefault: expect.objectContaining({ SSEAlgorithm: 'aws:kms' }),
        BucketKeyEnabled: true,
      }),
    ]);
  });

  test('with the full public access block', async () => {
    const block = await project.aws.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
    expect(block.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
  });

  test('with BucketOwnerEnforced ownership controls', async () => {
    const ownership = await project.aws.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket }));
    expect(ownership.OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
  });

  test('with the noncurrent-version and lockfile lifecycle rules', async () => {
    const lifecycle = await project.aws.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    const rules = lifecycle.Rules ?? [];
    expect(rules.find((rule) => rule.ID === 'expire-noncurrent-state-versions')).toMatchObject({
      Status: 'Enabled',
      NoncurrentVersionExpiration: { NoncurrentDays: 90 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
    });
    // One per environment's lockfile, and one for the bootstrap's own (its key is reserved like theirs).
    expect(
      rules
        .filter((rule) => rule.ID?.startsWith('expire-old-lockfile-versions:'))
        .map((rule) => rule.ID)
        .sort(),
    ).toEqual(
      ['bootstrap', 'dev', 'prod'].map((stack) => `expire-old-lockfile-versions:${stack}/terraform.tfstate.tflock`),
    );
  });

  test('creates the lock table keyed by LockID with encryption and deletion protection', async () => {
    const { Table } = await project.aws.dynamodb.send(new DescribeTableCommand({ TableName: table }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'LockID', KeyType: 'HASH' }]);
    expect(Table?.AttributeDefinitions).toEqual([{ AttributeName: 'LockID', AttributeType: 'S' }]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.SSEDescription?.Status).toBe('ENABLED');
    expect(Table?.DeletionProtectionEnabled).toBe(true);
  });

  test('with point-in-time recovery', async () => {
    const backups = await project.aws.dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: table }));
    expect(backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe(
      'ENABLED',
    );
  });

  test('keeps the bootstrap state at the project root, outside cdktf.out', () => {
    const state = JSON.parse(fs.readFileSync(project.bootstrapStateFile, 'utf8')) as {
      resources: Array<{ type: string }>;
    };
    expect(state.resources.map((resource) => resource.type)).toEqual(
      expect.arrayContaining(['aws_s3_bucket', 'aws_dynamodb_table', 'aws_s3_bucket_lifecycle_configuration']),
    );
    expect(fs.existsSync(path.join(project.stackDirectory('bootstrap'), 'terraform.tfstate'))).toBe(false);
  });
});

describe('cdktf deploy dev prod', () => {
  let deployed: CommandResult;

  beforeAll(async () => {
    deployed = expectSuccess(await project.deploy(['dev', 'prod']));
  });

  test('once the bootstrap state records the bucket, there is no deploy-the-bootstrap-first hint', () => {
    expect(output(deployed)).not.toContain(bootstrapMissingWarning(EMULATOR_BOOTSTRAP_STATE_FILE));
  });

  test.each(['dev', 'prod'])('%s state is an object at its own key, matching its digest item', async (environment) => {
    const names = project.project.names.environments[environment]!;
    const object = await project.aws.s3.send(new GetObjectCommand({ Bucket: bucket, Key: names.stateKey }));
    const body = Buffer.from(await object.Body!.transformToByteArray());
    const state = JSON.parse(body.toString('utf8')) as { resources: Array<{ type: string }> };
    expect(state.resources.map((resource) => resource.type)).toContain('aws_s3_bucket');
    expect(object.ServerSideEncryption).toBe('aws:kms');

    const { Items } = await project.aws.dynamodb.send(new ScanCommand({ TableName: table }));
    const digest = Items?.find((item) => item.LockID?.S === names.digestId);
    expect(digest?.Digest?.S).toBe(createHash('md5').update(body).digest('hex'));
  });

  test('the table holds the digests and no lock item once the runs finish', async () => {
    const { Items } = await project.aws.dynamodb.send(new ScanCommand({ TableName: table }));
    const ids = (Items ?? []).map((item) => item.LockID?.S).sort();
    const { dev, prod } = project.project.names.environments;
    expect(ids).toEqual([dev!.digestId, prod!.digestId].sort());
  });
});

describe('running the bootstrap again', () => {
  test('plans no changes', async () => {
    const plan = await project.terraform('bootstrap', ['plan', '-detailed-exitcode', '-input=false']);
    expect({ exitCode: plan.exitCode, stderr: plan.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(plan.stdout).toContain('No changes.');
  });
});

describe('destroying the bootstrap', () => {
  test('cdktf destroy bootstrap is refused, naming every guarded resource, and the bucket and table survive', async () => {
    const destroy = await project.cdktf(['destroy', 'bootstrap', '--auto-approve']);
    expect(destroy.exitCode).not.toBe(0);
    expect(output(destroy)).toContain('Instance cannot be destroyed');
    // Every resource but the IAM (unguarded on purpose, docs/iam.md) and the TLS-only policy (count 0 in emulator mode).
    const guarded = Object.entries(synthesizedStack(project, 'bootstrap').resource).flatMap(([type, byId]) =>
      type.startsWith('aws_iam_')
        ? []
        : Object.entries(byId)
            .filter(([, body]) => (body as { count?: number }).count !== 0)
            .map(([id]) => `${type}.${id}`),
    );
    expect(guarded.length).toBeGreaterThanOrEqual(8);
    for (const address of guarded)
      expect({ address, named: output(destroy).includes(address) }).toEqual({ address, named: true });
    expect(await bucketExists(project, bucket)).toBe(true);
    const { Table } = await project.aws.dynamodb.send(new DescribeTableCommand({ TableName: table }));
    expect(Table?.TableStatus).toBe('ACTIVE');
  });
});
