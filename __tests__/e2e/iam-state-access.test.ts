import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { EMULATOR_CREDENTIALS } from '../../app/emulator-endpoint';
import type { LockingMode } from '../../config/types';
import { validateProject } from '../../naming/project';
import { stateAccessPolicy } from '../../naming/state-access-policy';
import type { ScratchProject } from '../../tools/emulator/scratch-project';
import { terraform, type CommandResult } from '../../tools/terraform/run';
import {
  EMULATOR_ACCOUNT_ID,
  e2eConfig,
  emulatorEndpoint,
  expectSuccess,
  output,
  scratchProject,
  useOwnEmulator,
} from './support/e2e';
import { synthesizedStack } from './support/locking';

// Least-privilege state access against moto with its IAM enforcement on (docs/iam.md). moto
// (5.2.1, moto/iam/access_control.py) checks S3 actions against resource ARNs. Other services'
// requests carry the resource "*", so a statement naming a table or parameter ARN never matches,
// and conditions are evaluated against no values, so they always pass. The lock table, the
// bootstrap record and the s3:prefix / dynamodb:LeadingKeys conditions are therefore proven by
// the policy simulator (__tests__/naming/state-access-policy.test.ts), and the bootstrap here runs
// in `s3` locking mode, where Terraform's backend uses S3 alone.
//
// The admin side (the bootstrap, then the identities below) runs while moto authorizes every
// request; POST /moto-api/reset-auth then switches enforcement on for every request after it.
// moto has no credentials that pass enforcement unchecked (no "root" key: every request must be
// signed by an IAM user's or an assumed role's key), so the read-backs use an admin user made
// before the switch. No request counting: how many requests a deploy makes varies (retries, the
// provider's polling).
//
// moto 5.2.1 miscomputes the signature of a query string with percent-encoded characters once it
// checks signatures (measured: ListObjectsV2 with prefix "a/b" or "env:" gets SignatureDoesNotMatch,
// "abc" passes). So no request here sends a prefix: the Terraform runs set workspace_key_prefix = ""
// (Terraform then lists the workspaces with an empty prefix instead of "env:/"), and read-backs list
// the bucket's versions unfiltered. The workspace listing is not what this proves: on AWS dev's
// policy refuses it and Terraform carries on with the default workspace (the simulator test).
jest.setTimeout(600_000);
useOwnEmulator();

const NAME = 'iam';
const REGION = 'us-east-1';
const MODES: readonly LockingMode[] = ['dynamodb', 'dynamodb+s3', 's3'];

interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

let project: ScratchProject;
let bucket: string;
let admin: Credentials;
/** A session of the dev deploy role, as a GitHub Actions job of the repository would get it. */
let devRole: Credentials;
/** A session of the dev plan role, as a pull request's job would get it (docs/iam.md#plan-roles). */
let devPlanRole: Credentials;
/** Per locking mode, a user holding only dev's state policy for that mode. */
const modeUsers = new Map<LockingMode, Credentials>();

function s3(credentials: Credentials): S3Client {
  return new S3Client({
    region: REGION,
    endpoint: emulatorEndpoint(),
    forcePathStyle: true,
    credentials,
    maxAttempts: 1,
  });
}

/** The HTTP status of an S3 request's answer. */
async function status(request: Promise<{ $metadata: { httpStatusCode?: number } }>): Promise<number> {
  try {
    return (await request).$metadata.httpStatusCode ?? -1;
  } catch (error) {
    return (error as S3ServiceException).$metadata?.httpStatusCode ?? -1;
  }
}

async function userWith(
  iam: IAMClient,
  name: string,
  attach: (user: string) => Promise<unknown>,
): Promise<Credentials> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  await attach(name);
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

function bootstrapOutput<T>(name: string): T {
  const state = JSON.parse(fs.readFileSync(project.bootstrapStateFile, 'utf8')) as {
    outputs: Record<string, { value: T }>;
  };
  return state.outputs[name]!.value;
}

/**
 * Plain Terraform with `environment`'s synthesized S3 backend (the emulator's settings included)
 * and a builtin resource, run with `credentials`: exactly the backend's requests, no provider.
 */
async function backendRun(
  environment: string,
  credentials: Credentials,
  note: string,
  command: 'apply' | 'plan' = 'apply',
): Promise<CommandResult[]> {
  const synthesized = JSON.parse(
    fs.readFileSync(path.join(project.stackDirectory(environment), 'cdk.tf.json'), 'utf8'),
  ) as {
    terraform: { backend: { s3: Record<string, unknown> } };
  };
  const directory = path.join(project.directory, 'backend-run', environment);
  fs.mkdirSync(directory, { recursive: true });
  const configuration = {
    terraform: {
      backend: {
        s3: {
          ...synthesized.terraform.backend.s3,
          access_key: credentials.accessKeyId,
          secret_key: credentials.secretAccessKey,
          token: credentials.sessionToken,
          workspace_key_prefix: '',
        },
      },
    },
    variable: { note: { type: 'string' } },
    resource: { terraform_data: { probe: { input: '${var.note}' } } },
  };
  fs.writeFileSync(path.join(directory, 'main.tf.json'), JSON.stringify(configuration, null, 2));
  const run = (args: string[]) => terraform(args, { cwd: directory, env: project.env, timeoutMs: 120_000 });
  const init = await run(['init', '-input=false', '-reconfigure']);
  if (init.exitCode !== 0) return [init];
  const args =
    command === 'apply'
      ? ['apply', '-auto-approve', '-input=false', `-var=note=${note}`]
      : ['plan', '-input=false', '-detailed-exitcode', `-var=note=${note}`];
  return [init, await run(args)];
}

async function objectVersions(key: string): Promise<{ versions: number; deleteMarkers: number }> {
  const listing = await s3(admin).send(new ListObjectVersionsCommand({ Bucket: bucket }));
  return {
    versions: (listing.Versions ?? []).filter((version) => version.Key === key).length,
    deleteMarkers: (listing.DeleteMarkers ?? []).filter((marker) => marker.Key === key).length,
  };
}

function keysOf(environment: string) {
  return project.project.names.environments[environment]!;
}

/**
 * Of the bootstrap, what this file needs: its IAM (state policies, OIDC provider, deploy roles) and
 * the versioned bucket, with plain `terraform apply -target`. The rest, the lifecycle rules above
 * all (the provider waits ~55 s on them), proves nothing here; the other e2e files deploy all of it.
 */
async function deployBootstrapAccess(): Promise<void> {
  expectSuccess(await project.synth());
  const { resource } = synthesizedStack(project, 'bootstrap');
  const targets = Object.entries(resource)
    .filter(([type]) => type.startsWith('aws_iam_') || type === 'aws_s3_bucket_versioning')
    .flatMap(([type, resources]) => Object.keys(resources).map((id) => `-target=${type}.${id}`));
  expectSuccess(await project.terraform('bootstrap', ['init', '-input=false']));
  expectSuccess(await project.terraform('bootstrap', ['apply', '-auto-approve', '-input=false', ...targets]));
}

beforeAll(async () => {
  const config = e2eConfig(NAME, {
    locking: 's3',
    ci: { github: { repository: 'acme/platform', protectedEnvironments: ['prod'] } },
  });
  project = scratchProject(NAME, config);
  await deployBootstrapAccess();
  bucket = project.project.names.stateBucket;

  const endpoint = emulatorEndpoint();
  const emulatorKeys = { accessKeyId: EMULATOR_CREDENTIALS.accessKey, secretAccessKey: EMULATOR_CREDENTIALS.secretKey };
  const iam = new IAMClient({ region: REGION, endpoint, credentials: emulatorKeys });
  admin = await userWith(iam, 'e2e-admin', (user) =>
    iam.send(
      new PutUserPolicyCommand({
        UserName: user,
        PolicyName: 'everything',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
      }),
    ),
  );
  for (const locking of MODES) {
    const document = stateAccessPolicy(validateProject({ ...config, locking }), 'dev', {
      accountId: EMULATOR_ACCOUNT_ID,
    });
    const { Policy } = await iam.send(
      new CreatePolicyCommand({
        PolicyName: `dev-state-${locking.replace('+', '-')}`,
        PolicyDocument: JSON.stringify(document),
      }),
    );
    modeUsers.set(
      locking,
      await userWith(iam, `dev-deployer-${locking.replace('+', '-')}`, (user) =>
        iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: Policy!.Arn! })),
      ),
    );
  }
  // moto does not verify web identity tokens; the trust policy is proven by the simulator (deploy-roles.test.ts).
  const sts = new STSClient({ region: REGION, endpoint, credentials: emulatorKeys });
  const sessionOf = async (output: string): Promise<Credentials> => {
    const { Credentials: session } = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: bootstrapOutput<Record<string, string>>(output).dev!,
        RoleSessionName: 'github-actions',
        WebIdentityToken: 'a-github-actions-token',
      }),
    );
    return {
      accessKeyId: session!.AccessKeyId!,
      secretAccessKey: session!.SecretAccessKey!,
      sessionToken: session!.SessionToken!,
    };
  };
  devRole = await sessionOf('deploy_roles');
  devPlanRole = await sessionOf('plan_roles');

  const response = await fetch(`${endpoint}/moto-api/reset-auth`, { method: 'POST', body: '0' });
  expect(response.ok).toBe(true);
}, 600_000);

test('IAM is enforced: the emulator credentials every other test uses are refused now', async () => {
  const dummy = { accessKeyId: EMULATOR_CREDENTIALS.accessKey, secretAccessKey: EMULATOR_CREDENTIALS.secretKey };
  expect(await status(s3(dummy).send(new HeadBucketCommand({ Bucket: bucket })))).toBe(403);
});

describe("the dev deploy role (the bootstrap's, holding dev's state policy)", () => {
  test("runs Terraform's S3 backend on dev's state: reads, locks with the lockfile, writes, unlocks; twice", async () => {
    const { stateKey, lockfileKey } = keysOf('dev');
    for (const note of ['first', 'second']) {
      const runs = await backendRun('dev', devRole, note);
      for (const run of runs) expectSuccess(run);
      expect(runs).toHaveLength(2);
    }
    const state = JSON.parse(
      await (await s3(admin).send(new GetObjectCommand({ Bucket: bucket, Key: stateKey }))).Body!.transformToString(),
    ) as { resources: Array<{ instances: Array<{ attributes: { input: { value: string } } }> }> };
    expect(state.resources[0]?.instances[0]?.attributes.input.value).toBe('second');
    // Every run wrote its lockfile and deleted it: versions and delete markers, no current object.
    const lockfile = await objectVersions(lockfileKey);
    expect(lockfile.versions).toBeGreaterThanOrEqual(2);
    expect(lockfile.deleteMarkers).toBeGreaterThanOrEqual(2);
    expect(await status(s3(admin).send(new HeadObjectCommand({ Bucket: bucket, Key: lockfileKey })))).toBe(404);
  });

  test("is refused prod's state: Terraform stops, nothing of prod is written", async () => {
    const runs = await backendRun('prod', devRole, 'intruder');
    const last = runs[runs.length - 1]!;
    expect(last.exitCode).not.toBe(0);
    expect(output(last)).toMatch(/AccessDenied|403/);
    const { stateKey, lockfileKey } = keysOf('prod');
    expect(await objectVersions(stateKey)).toEqual({ versions: 0, deleteMarkers: 0 });
    expect(await objectVersions(lockfileKey)).toEqual({ versions: 0, deleteMarkers: 0 });
  });
});

// After the deploy role's runs above: dev's state exists, written twice.
describe("the dev plan role (a pull request's: its plan policy and its fence)", () => {
  test("runs terraform plan on dev's state: reads it, takes and releases the lockfile, writes nothing", async () => {
    const { stateKey, lockfileKey } = keysOf('dev');
    const before = await objectVersions(stateKey);
    const lockfileBefore = await objectVersions(lockfileKey);
    const [init, plan] = await backendRun('dev', devPlanRole, 'third', 'plan');
    expectSuccess(init!);
    expect({ exitCode: plan!.exitCode, stderr: plan!.stderr }).toEqual({ exitCode: 2, stderr: '' });
    expect(plan!.stdout).toMatch(/"second" -> "third"/);
    expect(await objectVersions(stateKey)).toEqual(before);
    // The plan took the lock (a lockfile version written, then a delete marker) and left none.
    expect((await objectVersions(lockfileKey)).versions).toBeGreaterThan(lockfileBefore.versions);
    expect(await status(s3(admin).send(new HeadObjectCommand({ Bucket: bucket, Key: lockfileKey })))).toBe(404);
  });

  test("is refused writing it: an apply fails at the state write, and dev's state is as it was", async () => {
    const { stateKey, lockfileKey } = keysOf('dev');
    const before = await objectVersions(stateKey);
    const body = await (
      await s3(admin).send(new GetObjectCommand({ Bucket: bucket, Key: stateKey }))
    ).Body!.transformToString();
    const [, apply] = await backendRun('dev', devPlanRole, 'third');
    expect(apply!.exitCode).not.toBe(0);
    expect(output(apply!)).toMatch(/AccessDenied|403/);
    expect(await objectVersions(stateKey)).toEqual(before);
    const after = await (
      await s3(admin).send(new GetObjectCommand({ Bucket: bucket, Key: stateKey }))
    ).Body!.transformToString();
    expect(after).toBe(body);
    expect(await status(s3(admin).send(new HeadObjectCommand({ Bucket: bucket, Key: lockfileKey })))).toBe(404);
  });
});

// The S3 requests the backend makes, sent directly with a user holding only the mode's dev policy.
describe.each(MODES)("dev's state policy for %s locking (S3 requests as the backend makes them)", (locking) => {
  const lockfile = locking !== 'dynamodb';

  test(`reads and writes dev's state${lockfile ? ', takes and releases its lockfile' : ''}`, async () => {
    const client = s3(modeUsers.get(locking)!);
    const { stateKey, lockfileKey } = keysOf('dev');
    expect(await status(client.send(new HeadObjectCommand({ Bucket: bucket, Key: stateKey })))).toBe(200);
    const body = await (
      await client.send(new GetObjectCommand({ Bucket: bucket, Key: stateKey }))
    ).Body!.transformToString();
    expect(await status(client.send(new PutObjectCommand({ Bucket: bucket, Key: stateKey, Body: body })))).toBe(200);
    const take = client.send(new PutObjectCommand({ Bucket: bucket, Key: lockfileKey, Body: '{}', IfNoneMatch: '*' }));
    expect(await status(take)).toBe(lockfile ? 200 : 403);
    expect(await status(client.send(new GetObjectCommand({ Bucket: bucket, Key: lockfileKey })))).toBe(
      lockfile ? 200 : 403,
    );
    expect(await status(client.send(new DeleteObjectCommand({ Bucket: bucket, Key: lockfileKey })))).toBe(
      lockfile ? 204 : 403,
    );
  });

  test("is refused prod's state and lockfile, and deleting dev's state", async () => {
    const client = s3(modeUsers.get(locking)!);
    const prod = keysOf('prod');
    for (const key of [prod.stateKey, prod.lockfileKey]) {
      expect(await status(client.send(new GetObjectCommand({ Bucket: bucket, Key: key })))).toBe(403);
      expect(await status(client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{}' })))).toBe(403);
    }
    expect(await status(client.send(new DeleteObjectCommand({ Bucket: bucket, Key: prod.lockfileKey })))).toBe(403);
    expect(await status(client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keysOf('dev').stateKey })))).toBe(
      403,
    );
  });
});
