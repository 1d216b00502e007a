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
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import type { ProjectConfig } from '../../config/types';
import { bootstrapParameterName } from '../../naming/bootstrap-version';
import { validateProject, type ValidProject } from '../../naming/project';
import { runPreflightCli } from '../../tools/preflight/run-cli';
import { FakeIo } from '../tools/locks/support/fake-io';

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

/** Client settings working in `account` (moto: the account of the role assumed). */
async function settingsIn(account: string) {
  const base = {
    region: 'us-east-1',
    endpoint: emulatorEndpoint(),
    credentials: { accessKeyId: EMULATOR_CREDENTIALS.accessKey, secretAccessKey: EMULATOR_CREDENTIALS.secretKey },
  };
  const { Credentials } = await new STSClient(base).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/admin`, RoleSessionName: 'e2e' }),
  );
  return {
    ...base,
    credentials: {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    },
  };
}

async function s3In(account: string): Promise<S3Client> {
  return new S3Client({ ...(await settingsIn(account)), forcePathStyle: true });
}

async function iamIn(account: string): Promise<IAMClient> {
  return new IAMClient(await settingsIn(account));
}

async function bucketNames(account: string): Promise<string[]> {
  const { Buckets } = await (await s3In(account)).send(new ListBucketsCommand({}));
  return (Buckets ?? []).map((bucket) => bucket.Name ?? '');
}

/** A person's role in the state account that runs Terraform for dev (docs/multi-account.md#the-trust-chain). */
const STATE_RUNNER = `arn:aws:iam::${STATE}:role/platform-engineer`;

function config(overrides: Partial<ProjectConfig> = {}): ProjectConfig {
  const environment = (account: string, runners: readonly string[] = []) => ({
    region: 'us-east-1',
    workloads: [E2E_WORKLOAD],
    accountId: account,
    deployRoleArn: deployer(account),
    // Who runs Terraform, not the role its provider assumes (refused at synth: docs/multi-account.md#the-trust-chain).
    // moto admits any AssumeRole: these names are checked by preflight (below) and the IAM simulator, not by moto.
    stateAccessPrincipals: [`arn:aws:iam::${account}:role/platform-engineer`, ...runners],
  });
  return e2eConfig(NAME, {
    accountId: STATE,
    deployRoleArn: deployer(STATE),
    environments: { dev: environment(ACCOUNTS.dev, [STATE_RUNNER]), prod: environment(ACCOUNTS.prod) },
    ...overrides,
  });
}

/** `npm run preflight -- <args>` in-process, with the scratch project's configuration and emulator. */
async function preflight(args: readonly string[], on: ValidProject = project.project) {
  const io = new FakeIo();
  const code = await runPreflightCli(args, io, { project: on, env: project.env });
  return { code, stdout: io.stdout, stderr: io.stderr };
}

beforeAll(() => {
  project = scratchProject(NAME, config());
});

// moto shows what exists (iam:GetRole in the account the deploy role acts in, the bucket, the table,
// the record) but admits any sts:AssumeRole, so the refused AssumeRole is proven with AWS's answers
// at the SDK's HTTP edge (__tests__/tools/preflight/aws-session.test.ts).
describe('npm run preflight, before anything is created (docs/multi-account.md#preflight-before-a-first-deploy)', () => {
  test("bootstrap: exit 1, the state account's missing principal named with its fix; other accounts' cannot be checked", async () => {
    const result = await preflight(['bootstrap']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`ok +account: .*${STATE}`));
    expect(result.stdout).toMatch(new RegExp(`missing +principal ${STATE_RUNNER}: +does not exist`));
    expect(result.stdout).toContain('fix: create the role first');
    expect(result.stdout).toMatch(
      new RegExp(`cannot check +principal arn:aws:iam::${ACCOUNTS.dev}:role/platform-engineer`),
    );
  });

  test('dev: exit 1, the bucket, table and record missing, each saying to deploy the bootstrap', async () => {
    const result = await preflight(['dev']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/missing +state bucket \S+: +does not exist/);
    expect(result.stdout).toMatch(/missing +lock table \S+: +does not exist/);
    expect(result.stdout).toMatch(/missing +bootstrap record \S+: +dev needs bootstrap version \d+, found none/);
    expect(result.stdout.match(/fix: run npx cdktf deploy bootstrap/g)).toHaveLength(3);
  });

  test('credentials of another account than accountId (and no deploy role): the account is missing, exit 1', async () => {
    const elsewhere = validateProject(config({ accountId: '444444444444', deployRoleArn: undefined }));
    const result = await preflight(['bootstrap'], elsewhere);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `missing +account: +your credentials act in account ${EMULATOR_ACCOUNT_ID}, the state account \\(accountId\\) is 444444444444`,
      ),
    );
  });

  test('once the principal exists: bootstrap exit 0', async () => {
    await (
      await iamIn(STATE)
    ).send(
      new CreateRoleCommand({
        RoleName: 'platform-engineer',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STATE}:root` }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    const result = await preflight(['bootstrap']);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`ok +principal ${STATE_RUNNER}`));
  });
});

describe('deployed: the bootstrap into the state account, dev and prod into their own', () => {
  beforeAll(async () => {
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

  test('npm run preflight: every check of dev and prod passes, exit 0', async () => {
    for (const environment of Object.keys(ACCOUNTS)) {
      const result = await preflight([environment]);
      expect({ environment, code: result.code, stderr: result.stderr }).toEqual({ environment, code: 0, stderr: '' });
      expect(result.stdout).toMatch(/\d+ ok, 0 missing/);
    }
  });

  test('npm run preflight: a record of an older bootstrap version is missing (found 1), exit 1', async () => {
    const name = bootstrapParameterName(project.project.config.project);
    const { Parameter } = await project.aws.ssm.send(new GetParameterCommand({ Name: name }));
    const put = (value: string) =>
      project.aws.ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: 'String', Overwrite: true }));
    await put(JSON.stringify({ version: 1, environments: ['dev', 'prod'] }));
    try {
      const result = await preflight(['dev']);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/missing +bootstrap record \S+: +dev needs bootstrap version \d+, found 1/);
    } finally {
      await put(Parameter!.Value!);
    }
  });
});
