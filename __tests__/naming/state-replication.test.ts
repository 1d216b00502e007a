import { accessLogDeliveryStatement } from '../../naming/access-log-policy';
import { policyDocument } from '../../naming/iam-policy';
import { validateProject } from '../../naming/project';
import { replicationPolicy, replicationTrustPolicy } from '../../naming/state-replication';
import { decide, decideResourcePolicy, TEST_ACCOUNT, type SimulatedRequest } from '../support/iam-simulator';
import { testConfig } from '../support/test-config';

const project = validateProject(
  testConfig({ accountId: TEST_ACCOUNT, stateReplicaRegion: 'eu-central-1', stateAccessLogs: true }),
);
const SOURCE = 'arn:aws:s3:::acme-tfstate-111122223333-eu-west-1';
const REPLICA = 'arn:aws:s3:::acme-tfstate-111122223333-eu-central-1';
const REPLICA_KEY = `arn:aws:kms:eu-central-1:${TEST_ACCOUNT}:key/replica-key`;
const AWS_S3_KEY = `arn:aws:kms:eu-west-1:${TEST_ACCOUNT}:key/aws-s3-key`;
const policy = replicationPolicy(project, { accountId: TEST_ACCOUNT, replicaKeyArn: REPLICA_KEY });
const CONTEXT_KEY = 'kms:EncryptionContext:aws:s3:arn';

/**
 * The simulator (@cloud-copilot/iam-simulate) does not know the `kms:EncryptionContext:<key>` condition
 * keys, so it evaluates the policy without them, and a test below asserts them as written.
 */
const simulated = {
  ...policy,
  Statement: policy.Statement.map((statement) => {
    if (statement.Condition?.StringLike === undefined) return statement;
    const { StringLike: _context, ...rest } = statement.Condition;
    return { ...statement, Condition: rest };
  }),
};

const ALLOWED: SimulatedRequest[] = [
  { what: 'read the replication rule', action: 's3:GetReplicationConfiguration', resource: SOURCE },
  { what: 'list the source', action: 's3:ListBucket', resource: SOURCE },
  {
    what: 'read a version to copy',
    action: 's3:GetObjectVersionForReplication',
    resource: `${SOURCE}/dev/terraform.tfstate`,
  },
  { what: 'copy it into the replica', action: 's3:ReplicateObject', resource: `${REPLICA}/dev/terraform.tfstate` },
  {
    what: 'decrypt a state (bucket key) through S3 in the state region',
    action: 'kms:Decrypt',
    resource: AWS_S3_KEY,
    context: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
  },
  {
    what: 'encrypt the replica with its key through S3 in the replica region',
    action: 'kms:Encrypt',
    resource: REPLICA_KEY,
    context: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' },
  },
];

const DENIED: SimulatedRequest[] = [
  { what: 'write into the source', action: 's3:PutObject', resource: `${SOURCE}/dev/terraform.tfstate` },
  {
    what: 'delete a version of the source',
    action: 's3:DeleteObjectVersion',
    resource: `${SOURCE}/dev/terraform.tfstate`,
  },
  { what: 'replicate into another bucket', action: 's3:ReplicateObject', resource: 'arn:aws:s3:::other-bucket/x' },
  { what: 'read the replica', action: 's3:GetObject', resource: `${REPLICA}/dev/terraform.tfstate` },
  { what: 'decrypt directly, not through S3', action: 'kms:Decrypt', resource: AWS_S3_KEY },
  {
    what: 'decrypt through S3 of the replica region',
    action: 'kms:Decrypt',
    resource: AWS_S3_KEY,
    context: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' },
  },
  {
    what: 'encrypt with a key of another account',
    action: 'kms:Encrypt',
    resource: 'arn:aws:kms:eu-central-1:999999999999:key/x',
    context: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' },
  },
  {
    what: 'decrypt with the replica key (a restore from the replica is an admin task)',
    action: 'kms:Decrypt',
    resource: REPLICA_KEY,
    context: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' },
  },
];

describe('the replication role may do what replication needs', () => {
  test.each(ALLOWED.map((request) => [request.what, request] as const))('allowed: %s', async (_, request) => {
    expect(await decide([simulated], request)).toBe('Allowed');
  });

  test.each(DENIED.map((request) => [request.what, request] as const))('denied: %s', async (_, request) => {
    expect(await decide([simulated], request)).not.toBe('Allowed');
  });
});

test("KMS only for each bucket's own objects: the encryption context names the bucket (bucket keys) or its objects", () => {
  const conditions = Object.fromEntries(
    policy.Statement.filter(
      (statement) =>
        String(statement.Action).includes('kms:') ||
        [statement.Action ?? []].flat().some((action) => action.startsWith('kms:')),
    ).map((statement) => [statement.Sid, statement.Condition?.StringLike?.[CONTEXT_KEY]]),
  );
  expect(conditions).toEqual({
    DecryptSourceThroughS3: [SOURCE, `${SOURCE}/*`],
    EncryptReplicasThroughS3: [REPLICA, `${REPLICA}/*`],
  });
});

test('only S3 may assume it, for this bucket of this account', () => {
  const trust = replicationTrustPolicy(project, TEST_ACCOUNT);
  expect(trust.Statement).toEqual([
    expect.objectContaining({
      Principal: { Service: 's3.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': TEST_ACCOUNT }, ArnLike: { 'aws:SourceArn': SOURCE } },
    }),
  ]);
});

describe('log delivery into the log bucket', () => {
  const bucketPolicy = policyDocument([accessLogDeliveryStatement(project, TEST_ACCOUNT)]);
  const LOGS = 'arn:aws:s3:::acme-tfstate-logs-111122223333-eu-west-1';
  const request = (context: Record<string, string>, resource = `${LOGS}/state-bucket/2026-12-06-12-00-00-ABC`) => ({
    what: 'log delivery',
    principal: 'logging.s3.amazonaws.com',
    account: TEST_ACCOUNT,
    action: 's3:PutObject',
    resource,
    context,
  });

  test('allowed for the state bucket of this account', async () => {
    expect(
      await decideResourcePolicy(bucketPolicy, request({ 'aws:SourceArn': SOURCE, 'aws:SourceAccount': TEST_ACCOUNT })),
    ).toBe('Allowed');
  });

  test.each([
    ['another source bucket', { 'aws:SourceArn': 'arn:aws:s3:::someone-else', 'aws:SourceAccount': TEST_ACCOUNT }],
    ['another account', { 'aws:SourceArn': SOURCE, 'aws:SourceAccount': '999999999999' }],
  ])('denied for %s', async (_, context) => {
    expect(await decideResourcePolicy(bucketPolicy, request(context))).not.toBe('Allowed');
  });

  test('denied outside the prefix', async () => {
    expect(
      await decideResourcePolicy(
        bucketPolicy,
        request({ 'aws:SourceArn': SOURCE, 'aws:SourceAccount': TEST_ACCOUNT }, `${LOGS}/elsewhere/x`),
      ),
    ).not.toBe('Allowed');
  });
});
