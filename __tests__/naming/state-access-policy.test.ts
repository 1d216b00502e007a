import type { LockingMode, StateEncryption } from '../../config/types';
import { requireEnvironment } from '../../naming/environments';
import type { PolicyStatement } from '../../naming/iam-policy';
import { validateProject } from '../../naming/project';
import { stateAccessPolicy, stateAccessPolicyName } from '../../naming/state-access-policy';
import { backendRequests, stateSpecific } from '../support/backend-requests';
import { testConfig } from '../support/test-config';
import { TEST_ACCOUNT, decide, type SimulatedRequest } from '../support/iam-simulator';

const MODES: readonly LockingMode[] = ['dynamodb', 'dynamodb+s3', 's3'];
const ENCRYPTIONS: readonly StateEncryption[] = ['aws-managed', 'customer-managed'];
const KEY_ARN = `arn:aws:kms:eu-west-1:${TEST_ACCOUNT}:key/0d3b5c1e-7f7a-4a63-9f3e-2f9c2b0c1a11`;
const TARGET = { accountId: TEST_ACCOUNT, stateKeyArn: KEY_ARN };

function setup(locking: LockingMode, stateEncryption: StateEncryption = 'aws-managed') {
  const project = validateProject(testConfig({ locking, stateEncryption }));
  const dev = stateAccessPolicy(project, 'dev', TARGET);
  const requests = (environment: string) =>
    backendRequests(project, requireEnvironment(project, environment).names, TARGET);
  return { project, dev, devRequests: requests('dev'), prodRequests: requests('prod') };
}

const byWhat = (requests: readonly SimulatedRequest[]) => requests.map((request) => [request.what, request] as const);

test('is named <project>-tfstate-<environment>', () => {
  expect(stateAccessPolicyName('acme', 'dev')).toBe('acme-tfstate-dev');
});

describe.each(ENCRYPTIONS.flatMap((encryption) => MODES.map((mode) => [mode, encryption] as const)))(
  'in %s locking mode, %s key (simulated IAM evaluation)',
  (mode, encryption) => {
    const { dev, devRequests, prodRequests } = setup(mode, encryption);

    test.each(byWhat(devRequests))("dev's policy allows dev's %s", async (_, request) => {
      expect(await decide([dev], request)).toBe('Allowed');
    });

    test.each(byWhat(stateSpecific(prodRequests)))("dev's policy refuses prod's %s", async (_, request) => {
      expect(await decide([dev], request)).toBe('ImplicitlyDenied');
    });
  },
);

describe('what nobody needs is refused (simulated)', () => {
  const { project, dev } = setup('dynamodb+s3', 'customer-managed');
  const bucket = `arn:aws:s3:::${project.names.stateBucket}`;
  const table = `arn:aws:dynamodb:eu-west-1:${TEST_ACCOUNT}:table/${project.names.lockTable}`;
  const devState = requireEnvironment(project, 'dev').names;
  const refused: SimulatedRequest[] = [
    { what: 'DeleteObject of the state', action: 's3:DeleteObject', resource: `${bucket}/dev/terraform.tfstate` },
    { what: 'PutBucketPolicy', action: 's3:PutBucketPolicy', resource: bucket },
    { what: 'listing the whole bucket', action: 's3:ListBucket', resource: bucket, context: { 's3:prefix': '' } },
    {
      what: "Terraform's workspace listing (prefix env:/), which it tolerates",
      action: 's3:ListBucket',
      resource: bucket,
      context: { 's3:prefix': 'env:/' },
    },
    {
      what: 'another workspace of dev',
      action: 's3:GetObject',
      resource: `${bucket}/env:/feature/dev/terraform.tfstate`,
    },
    { what: 'Scan of the table', action: 'dynamodb:Scan', resource: table },
    // ForAllValues holds for an empty set of keys; the Null condition is what refuses this.
    { what: 'an item request that names no item', action: 'dynamodb:GetItem', resource: table },
    { what: 'DescribeTable (the backend never calls it)', action: 'dynamodb:DescribeTable', resource: table },
    {
      what: 'DeleteItem of the digest',
      action: 'dynamodb:DeleteItem',
      resource: table,
      context: { 'dynamodb:LeadingKeys': [devState.digestId] },
    },
    {
      what: 'a batch naming dev and prod items',
      action: 'dynamodb:GetItem',
      resource: table,
      context: {
        'dynamodb:LeadingKeys': [devState.lockId, 'acme-tfstate-111122223333-eu-west-1/prod/terraform.tfstate'],
      },
    },
    { what: 'KMS Decrypt called directly, not through S3', action: 'kms:Decrypt', resource: KEY_ARN },
    {
      what: 'KMS Encrypt, even through S3 (neither S3 nor DynamoDB calls it for the caller)',
      action: 'kms:Encrypt',
      resource: KEY_ARN,
      context: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
    },
    {
      what: 'KMS GenerateDataKey through DynamoDB (DynamoDB generates the table key itself)',
      action: 'kms:GenerateDataKey',
      resource: KEY_ARN,
      context: { 'kms:ViaService': 'dynamodb.eu-west-1.amazonaws.com' },
    },
    {
      what: 'deleting a version of the state',
      action: 's3:DeleteObjectVersion',
      resource: `${bucket}/dev/terraform.tfstate`,
    },
    {
      what: 'listing the versions of the whole bucket',
      action: 's3:ListBucketVersions',
      resource: bucket,
      context: { 's3:prefix': '' },
    },
    {
      what: 'KMS through another service',
      action: 'kms:Decrypt',
      resource: KEY_ARN,
      context: { 'kms:ViaService': 'ec2.eu-west-1.amazonaws.com' },
    },
    { what: 'the bootstrap state', action: 's3:GetObject', resource: `${bucket}/bootstrap/terraform.tfstate` },
    {
      what: "another project's bootstrap record",
      action: 'ssm:GetParametersByPath',
      resource: `arn:aws:ssm:eu-west-1:${TEST_ACCOUNT}:parameter/tfstate-bootstrap/other`,
    },
  ];

  test.each(byWhat(refused))('%s', async (_, request) => {
    expect(await decide([dev], request)).toBe('ImplicitlyDenied');
  });
});

describe('each mode grants only what it uses', () => {
  test('dynamodb: no lockfile', async () => {
    const { project, dev } = setup('dynamodb');
    const lockfile = `arn:aws:s3:::${project.names.stateBucket}/dev/terraform.tfstate.tflock`;
    expect(await decide([dev], { what: 'lockfile', action: 's3:PutObject', resource: lockfile })).toBe(
      'ImplicitlyDenied',
    );
  });

  test('s3: no lock table', async () => {
    const { project, dev } = setup('s3');
    const lock = requireEnvironment(project, 'dev').names.lockId;
    const table = `arn:aws:dynamodb:eu-west-1:${TEST_ACCOUNT}:table/${project.names.lockTable}`;
    const request = {
      what: 'lock item',
      action: 'dynamodb:PutItem',
      resource: table,
      context: { 'dynamodb:LeadingKeys': [lock] },
    };
    expect(await decide([dev], request)).toBe('ImplicitlyDenied');
  });
});

describe('the document', () => {
  const statementsOf = (mode: LockingMode, encryption: StateEncryption = 'aws-managed') =>
    setup(mode, encryption).dev.Statement as readonly PolicyStatement[];

  test('matches the snapshot in each mode (a change detector; the simulations above say what must hold)', () => {
    for (const mode of MODES) expect(statementsOf(mode, 'customer-managed')).toMatchSnapshot(mode);
  });

  test('only allows, and names no other environment', () => {
    for (const mode of MODES) {
      const statements = statementsOf(mode, 'customer-managed');
      expect(statements.every((statement) => statement.Effect === 'Allow')).toBe(true);
      expect(JSON.stringify(statements)).not.toContain('prod');
    }
  });

  test('every statement has its own Sid', () => {
    const sids = statementsOf('dynamodb+s3', 'customer-managed').map((statement) => statement.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
  });

  test('grants no KMS with the AWS-managed key: its key policy already admits the account through S3', () => {
    for (const mode of MODES) expect(JSON.stringify(statementsOf(mode))).not.toContain('kms:');
  });

  test('names resources only by ARN, never by wildcard', () => {
    const resources = statementsOf('dynamodb+s3', 'customer-managed').flatMap((statement) => statement.Resource ?? []);
    for (const resource of resources) expect(resource).not.toMatch(/[*?]/);
  });

  test('a customer-managed key without its ARN is a programming error', () => {
    const project = validateProject(testConfig({ stateEncryption: 'customer-managed' }));
    expect(() => stateAccessPolicy(project, 'dev', { accountId: TEST_ACCOUNT })).toThrow(/stateKeyArn/);
  });

  test('an unknown environment is refused', () => {
    const project = validateProject(testConfig());
    expect(() => stateAccessPolicy(project, 'staging', TARGET)).toThrow(/unknown environment "staging"/);
  });

  test('uses the partition of the state region', () => {
    const project = validateProject(
      testConfig({ stateRegion: 'cn-north-1', environments: { dev: { region: 'cn-north-1' } } }),
    );
    const text = JSON.stringify(stateAccessPolicy(project, 'dev', TARGET));
    expect(text).toContain('arn:aws-cn:s3:::');
    expect(text).not.toContain('arn:aws:');
  });

  test('follows an explicit state key', () => {
    const project = validateProject(
      testConfig({ environments: { dev: { region: 'eu-west-1', stateKey: 'teams/web/dev.tfstate' } } }),
    );
    const [list, state] = stateAccessPolicy(project, 'dev', TARGET).Statement;
    expect(list?.Condition).toEqual({ StringEquals: { 's3:prefix': ['teams/web/dev.tfstate'] } });
    expect(state?.Resource).toBe(`arn:aws:s3:::${project.names.stateBucket}/teams/web/dev.tfstate`);
  });
});
