import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { EMULATOR_CREDENTIALS } from '../../app/emulator-endpoint';
import type { ScratchProject } from '../../tools/emulator/scratch-project';
import {
  E2E_WORKLOAD,
  EMULATOR_ACCOUNT_ID,
  e2eConfig,
  emulatorEndpoint,
  expectSuccess,
  output,
  scratchProject,
  useEmulator,
} from './support/e2e';
import { locksCli } from './support/locking';

// docs/multi-account.md, for real on one moto: the bootstrap deployed into the state account
// 111111111111 through its deploy role, dev into 222222222222 and prod into 333333333333 through
// theirs, each environment reaching its state through its own role in the state account.
// moto keeps resources per account (credentials from sts:AssumeRole act in the role's account); it
// does not evaluate trust policies, so that a dev deployer cannot assume prod's state role is proven
// by the policy simulator (__tests__/naming/state-roles.test.ts).
jest.setTimeout(600_000);
const STATE = '111111111111';
useEmulator();

const NAME = 'accounts';
const ACCOUNTS = { dev: '222222222222', prod: '333333333333' } as const;
const deployer = (account: string) => `arn:aws:iam::${account}:role/terraform-deploy`;
let project: ScratchProject;

/** An S3 client working in `account` (moto: the account of the role assumed). */
async function s3In(account: string): Promise<S3Client> {
  const endpoint = emulatorEndpoint();
  const base = {
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: EMULATOR_CREDENTIALS.accessKey, secretAccessKey: EMULATOR_CREDENTIALS.secretKey },
  };
  const { Credentials } = await new STSClient(base).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/reader`, RoleSessionName: 'e2e' }),
  );
  return new S3Client({
    ...base,
    forcePathStyle: true,
    credentials: {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    },
  });
}

async function bucketNames(account: string): Promise<string[]> {
  const { Buckets } = await (await s3In(account)).send(new ListBucketsCommand({}));
  return (Buckets ?? []).map((bucket) => bucket.Name ?? '');
}

beforeAll(async () => {
  const environment = (account: string) => ({
    region: 'us-east-1',
    workloads: [E2E_WORKLOAD],
    accountId: account,
    deployRoleArn: deployer(account),
    // Who runs Terraform, not the role its provider assumes (refused at synth: docs/multi-account.md#the-trust-chain).
    // moto admits any AssumeRole, so the name only has to pass validation here.
    stateAccessPrincipals: [`arn:aws:iam::${account}:role/platform-engineer`],
  });
  project = scratchProject(
    NAME,
    e2eConfig(NAME, {
      accountId: STATE,
      deployRoleArn: deployer(STATE),
      environments: { dev: environment(ACCOUNTS.dev), prod: environment(ACCOUNTS.prod) },
    }),
  );
  expectSuccess(await project.deploy(['bootstrap']));
  expectSuccess(await project.deploy(['dev', 'prod']));
});

test('the state storage is in the state account, and nowhere else', async () => {
  const { stateBucket } = project.project.names;
  expect(await bucketNames(STATE)).toContain(stateBucket);
  for (const account of [...Object.values(ACCOUNTS), EMULATOR_ACCOUNT_ID]) {
    expect(await bucketNames(account)).not.toContain(stateBucket);
  }
});

test.each(Object.entries(ACCOUNTS))(
  "%s's workload is in its own account (%s) and in no other",
  async (environment, account) => {
    const prefix = `e2e-${NAME}-${environment}-`;
    const own = (await bucketNames(account)).filter((name) => name.startsWith(prefix));
    expect(own).toHaveLength(1);
    for (const other of [STATE, EMULATOR_ACCOUNT_ID, ...Object.values(ACCOUNTS).filter((id) => id !== account)]) {
      expect((await bucketNames(other)).filter((name) => name.startsWith(prefix))).toEqual([]);
    }
  },
);

test.each(Object.keys(ACCOUNTS))(
  "%s's state, its digest, and no lock item are in the state account",
  async (environment) => {
    const names = project.project.names.environments[environment]!;
    const { stateBucket, lockTable } = project.project.names;
    const state = await project.aws.s3.send(new GetObjectCommand({ Bucket: stateBucket, Key: names.stateKey }));
    const body = JSON.parse(await state.Body!.transformToString('utf-8')) as { resources: Array<{ type: string }> };
    expect(body.resources.map((resource) => resource.type)).toContain('aws_s3_bucket');
    const item = (id: string) =>
      project.aws.dynamodb.send(new GetItemCommand({ TableName: lockTable, Key: { LockID: { S: id } } }));
    expect((await item(names.digestId)).Item?.Digest?.S).toMatch(/^[0-9a-f]{32}$/);
    expect((await item(names.lockId)).Item).toBeUndefined();
  },
);

test('each environment passed its bootstrap version check through its state role, and plans no changes', async () => {
  for (const environment of Object.keys(ACCOUNTS)) {
    const plan = await project.terraform(environment, ['plan', '-detailed-exitcode', '-input=false']);
    expect({ environment, exitCode: plan.exitCode, stderr: plan.stderr }).toEqual({
      environment,
      exitCode: 0,
      stderr: '',
    });
    expect(output(plan)).toContain('bootstrap-version');
  }
});

test('the lock tool reaches every environment the way its backend does, through its state role', async () => {
  const list = expectSuccess(await locksCli(project, ['list']));
  expect(list.stdout).toMatch(/dev\s+free/);
  expect(list.stdout).toMatch(/prod\s+free/);
});
