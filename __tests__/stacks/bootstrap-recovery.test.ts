import { accessLogDeliveryStatement } from '../../naming/access-log-policy';
import { replicationPolicy, replicationTrustPolicy } from '../../naming/state-replication';
import { synthProject, TEST_EMULATOR } from '../support/fixtures';
import { resourcesOf, theResource } from '../support/synth-scope';
import { testConfig } from '../support/test-config';

// The replica (stateReplicaRegion) and the access logs (stateAccessLogs): one synth per
// configuration, many assertions. The snapshot is a change detector; the tests say what must hold.
const OPTIONS = { stateReplicaRegion: 'eu-central-1', stateAccessLogs: true, accessLogRetentionDays: 30 } as const;
const { stacks, project } = synthProject(testConfig(OPTIONS));
const bootstrap = stacks.bootstrap!;
const resources = bootstrap.resource;

function idOf(type: string, match: (resource: Record<string, unknown>) => boolean): string {
  const found = Object.entries(resources[type] ?? {}).find(([, resource]) => match(resource));
  if (found === undefined) throw new Error(`no ${type} matching`);
  return `${type}.${found[0]}`;
}

const replicaBucket = idOf('aws_s3_bucket', (bucket) => bucket.bucket === 'acme-tfstate-111122223333-eu-central-1');
const stateBucket = idOf('aws_s3_bucket', (bucket) => bucket.bucket === 'acme-tfstate-111122223333-eu-west-1');
const logBucket = idOf('aws_s3_bucket', (bucket) => bucket.bucket === 'acme-tfstate-logs-111122223333-eu-west-1');
const replicaKey = idOf('aws_kms_key', () => true);
const ref = (address: string, attribute: string) => `\${${address}.${attribute}}`;
/** The same with a customer-managed state key, in emulator mode: the second (and last) synth of this file. */
const emulatedStacks = synthProject(
  testConfig({ ...OPTIONS, stateEncryption: 'customer-managed' }),
  TEST_EMULATOR,
).stacks;

/** The resources of a type that belong to a bucket (their `bucket` names its id). */
function settingOf(type: string, bucketAddress: string): Record<string, unknown> {
  const found = resourcesOf(resources, type).filter((resource) => resource.bucket === ref(bucketAddress, 'id'));
  if (found.length !== 1) throw new Error(`expected one ${type} of ${bucketAddress}, found ${found.length}`);
  return found[0]!;
}

test('matches the snapshot (a change detector; the properties below say what must hold)', () => {
  expect(bootstrap).toMatchSnapshot();
});

describe('the replica', () => {
  test('a second provider in the replica region, like the first (tags, account)', () => {
    const [main, replica] = bootstrap.provider.aws;
    expect(replica).toEqual({ ...main, alias: 'replica', region: 'eu-central-1' });
  });

  test('its bucket, key, settings and lifecycle are created in the replica region', () => {
    const inReplica = [
      resources.aws_s3_bucket?.[replicaBucket.split('.')[1]!],
      theResource(resources, 'aws_kms_key'),
      theResource(resources, 'aws_kms_alias'),
      ...[
        'aws_s3_bucket_versioning',
        'aws_s3_bucket_server_side_encryption_configuration',
        'aws_s3_bucket_public_access_block',
        'aws_s3_bucket_ownership_controls',
        'aws_s3_bucket_policy',
        'aws_s3_bucket_lifecycle_configuration',
      ].map((type) => settingOf(type, replicaBucket)),
    ];
    for (const resource of inReplica) expect(resource).toMatchObject({ provider: 'aws.replica' });
    expect(settingOf('aws_s3_bucket_versioning', stateBucket)).not.toHaveProperty('provider');
  });

  test('versioned, encrypted with its own rotated key in that region, public access blocked, owner enforced', () => {
    expect(settingOf('aws_s3_bucket_versioning', replicaBucket).versioning_configuration).toEqual({
      status: 'Enabled',
    });
    expect(settingOf('aws_s3_bucket_server_side_encryption_configuration', replicaBucket).rule).toEqual([
      {
        apply_server_side_encryption_by_default: {
          sse_algorithm: 'aws:kms',
          kms_master_key_id: ref(replicaKey, 'arn'),
        },
        bucket_key_enabled: true,
      },
    ]);
    expect(theResource(resources, 'aws_kms_key')).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
    });
    expect(theResource(resources, 'aws_kms_alias').name).toBe('alias/acme-tfstate-replica');
    expect(settingOf('aws_s3_bucket_public_access_block', replicaBucket)).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(settingOf('aws_s3_bucket_ownership_controls', replicaBucket).rule).toEqual({
      object_ownership: 'BucketOwnerEnforced',
    });
  });

  test('TLS only', () => {
    const policy = JSON.parse(settingOf('aws_s3_bucket_policy', replicaBucket).policy as string) as {
      Statement: Array<Record<string, unknown>>;
    };
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ]);
  });

  test('keeps replaced versions as long as the state bucket does', () => {
    const [rule] = settingOf('aws_s3_bucket_lifecycle_configuration', replicaBucket).rule as Array<
      Record<string, unknown>
    >;
    expect(rule).toMatchObject({ status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 90 }] });
  });

  test('one rule for the whole bucket, SSE-KMS objects included with the replica key named, delete markers kept out', () => {
    const replication = theResource(resources, 'aws_s3_bucket_replication_configuration');
    expect(replication.bucket).toBe(ref(stateBucket, 'id'));
    expect(replication.role).toBe(
      ref(
        idOf('aws_iam_role', () => true),
        'arn',
      ),
    );
    expect(replication.rule).toEqual([
      {
        id: 'replicate-every-state',
        status: 'Enabled',
        priority: 1,
        filter: {},
        delete_marker_replication: { status: 'Disabled' },
        source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
        destination: {
          bucket: ref(replicaBucket, 'arn'),
          storage_class: 'STANDARD',
          encryption_configuration: { replica_kms_key_id: ref(replicaKey, 'arn') },
        },
      },
    ]);
  });

  test('written after versioning is on for both buckets and the role may replicate', () => {
    const dependsOn = theResource(resources, 'aws_s3_bucket_replication_configuration').depends_on as string[];
    const versioning = (bucket: string) =>
      idOf('aws_s3_bucket_versioning', (resource) => resource.bucket === ref(bucket, 'id'));
    expect(dependsOn).toEqual(
      expect.arrayContaining([
        versioning(stateBucket),
        versioning(replicaBucket),
        idOf('aws_iam_role_policy', () => true),
      ]),
    );
  });

  test('the role and its policy are the documents proven by the simulator (naming/state-replication.ts)', () => {
    const role = theResource(resources, 'aws_iam_role');
    expect(role.name).toBe('acme-tfstate-replication');
    expect(JSON.parse(role.assume_role_policy as string)).toEqual(replicationTrustPolicy(project, '111122223333'));
    expect(JSON.parse(theResource(resources, 'aws_iam_role_policy').policy as string)).toEqual(
      replicationPolicy(project, { accountId: '111122223333', replicaKeyArn: ref(replicaKey, 'arn') }),
    );
  });
});

describe('the access logs', () => {
  test('the state bucket logs to the log bucket, under its prefix', () => {
    expect(theResource(resources, 'aws_s3_bucket_logging')).toMatchObject({
      bucket: ref(stateBucket, 'id'),
      target_bucket: ref(logBucket, 'id'),
      target_prefix: 'state-bucket/',
    });
  });

  test('the log bucket is encrypted with SSE-S3 (what log delivery supports), owner enforced, private', () => {
    expect(settingOf('aws_s3_bucket_server_side_encryption_configuration', logBucket).rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
    expect(settingOf('aws_s3_bucket_ownership_controls', logBucket).rule).toEqual({
      object_ownership: 'BucketOwnerEnforced',
    });
    expect(settingOf('aws_s3_bucket_public_access_block', logBucket)).toMatchObject({ block_public_policy: true });
  });

  test('its policy: TLS only, and log delivery for the state bucket of this account only', () => {
    const policy = JSON.parse(settingOf('aws_s3_bucket_policy', logBucket).policy as string) as {
      Statement: Array<Record<string, unknown>>;
    };
    expect(policy.Statement[0]).toMatchObject({ Sid: 'DenyInsecureTransport', Effect: 'Deny' });
    expect(policy.Statement[1]).toEqual(accessLogDeliveryStatement(project, '111122223333'));
  });

  test('logs expire after accessLogRetentionDays', () => {
    const [rule] = settingOf('aws_s3_bucket_lifecycle_configuration', logBucket).rule as Array<Record<string, unknown>>;
    expect(rule).toMatchObject({
      expiration: [{ days: 30 }],
      noncurrent_version_expiration: [{ noncurrent_days: 30 }],
    });
  });

  test('logging is set once the log bucket grants delivery', () => {
    const dependsOn = theResource(resources, 'aws_s3_bucket_logging').depends_on as string[];
    expect(dependsOn).toContain(idOf('aws_s3_bucket_policy', (resource) => resource.bucket === ref(logBucket, 'id')));
  });
});

describe('every guard on', () => {
  test('every storage resource of the replica and the logs has prevent_destroy; IAM follows the configuration', () => {
    for (const type of [
      'aws_s3_bucket',
      'aws_s3_bucket_versioning',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_policy',
      'aws_s3_bucket_lifecycle_configuration',
      'aws_s3_bucket_replication_configuration',
      'aws_s3_bucket_logging',
      'aws_kms_key',
      'aws_kms_alias',
    ]) {
      const found = resourcesOf(resources, type);
      expect({ type, count: found.length > 0 }).toEqual({ type, count: true });
      for (const resource of found)
        expect({ type, lifecycle: resource.lifecycle }).toEqual({ type, lifecycle: { prevent_destroy: true } });
    }
    for (const type of ['aws_iam_role', 'aws_iam_role_policy']) {
      for (const resource of resourcesOf(resources, type))
        expect(resource).not.toHaveProperty('lifecycle.prevent_destroy');
    }
  });

  test('nothing is created before the state bucket: a taken name leaves nothing behind', () => {
    for (const address of [replicaBucket, logBucket, replicaKey, idOf('aws_iam_role', () => true)]) {
      const [type, id] = address.split('.') as [string, string];
      expect(resources[type]?.[id]?.depends_on).toContain(stateBucket);
    }
  });
});

test('outputs the replica and the log bucket', () => {
  expect(bootstrap.output?.replica_bucket?.value).toBe(ref(replicaBucket, 'bucket'));
  expect(bootstrap.output?.access_log_bucket?.value).toBe(ref(logBucket, 'bucket'));
});

test('with a customer-managed state key, replication decrypts with that key only', () => {
  const cmk = emulatedStacks.bootstrap!.resource;
  const policy = JSON.parse(theResource(cmk, 'aws_iam_role_policy').policy as string) as {
    Statement: Array<{ Sid: string; Resource: string }>;
  };
  const stateKey = Object.entries(cmk.aws_kms_key ?? {}).find(([, key]) => !('provider' in key))?.[0];
  expect(stateKey).toBeDefined();
  expect(policy.Statement.find((statement) => statement.Sid === 'DecryptSourceThroughS3')?.Resource).toBe(
    `\${aws_kms_key.${stateKey}.arn}`,
  );
});

test('on the emulator, the log bucket keeps its delivery grant when the TLS-only statement is left out', () => {
  const emulated = emulatedStacks.bootstrap!.resource;
  // A policy left with no statement is not created (count 0): the state bucket's and the replica's.
  const created = resourcesOf(emulated, 'aws_s3_bucket_policy').filter((resource) => resource.count !== 0);
  expect(resourcesOf(emulated, 'aws_s3_bucket_policy')).toHaveLength(3);
  const policies = created.map(
    (resource) => JSON.parse(resource.policy as string) as { Statement: Array<{ Sid: string }> },
  );
  expect(policies.map((policy) => policy.Statement.map((statement) => statement.Sid))).toEqual([
    ['S3ServerAccessLogsOfTheStateBucket'],
  ]);
});

test("on the emulator, the replication rule's SSE-KMS selection is written but not compared (moto does not read it back)", () => {
  const emulated = emulatedStacks.bootstrap!.resource;
  const replication = theResource(emulated, 'aws_s3_bucket_replication_configuration');
  expect(replication.lifecycle).toEqual({
    prevent_destroy: true,
    ignore_changes: ['rule[0].source_selection_criteria'],
  });
  expect(replication.rule).toEqual(theResource(resources, 'aws_s3_bucket_replication_configuration').rule);
});

// Without the options nothing of this is created: the bootstrap stack's own test lists every
// resource type of a bootstrap without them (__tests__/stacks/bootstrap-stack.test.ts, "every guard on").
