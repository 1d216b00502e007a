import * as fs from 'node:fs';
import * as path from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
} from '@aws-sdk/client-s3';
import { EMULATOR_BOOTSTRAP_STATE_FILE, EMULATOR_MAX_ATTEMPTS } from '../../app/emulator-endpoint';
import { applicationBucketPrefix } from '../../naming/names';
import { isMissingTable } from '../../tools/aws/errors';
import { hintFor } from '../../tools/demo/hints';
import { freePort } from '../../tools/emulator/moto';
import type { ScratchProject } from '../../tools/emulator/scratch-project';
import type { CommandResult } from '../../tools/terraform/run';
import { bucketExists, e2eConfig, output, scratchProject, scratchProjectAt, useEmulator } from './support/e2e';
import { bootstrapMissingWarning } from '../../app/bootstrap-hint';

// Bad input at the boundary: the emulator unreachable, the state bucket name taken, an environment
// deployed before the bootstrap. Each must fail with an error that names the problem, and leave
// nothing half-created. None of them needs a (70 s) bootstrap, so all four runs go at once.
jest.setTimeout(300_000);
useEmulator();

/** The troubleshooting page, which must say what to do about each of these errors. */
const TROUBLESHOOTING = fs.readFileSync(path.resolve(__dirname, '../../docs/troubleshooting.md'), 'utf8');

/** The closing line cdktf prints after terraform fails. */
const CDKTF_FAILED = /Invoking Terraform CLI failed with exit code 1|terraform init failed with exit code 1/;

function bootstrapResources(project: ScratchProject): unknown[] {
  if (!fs.existsSync(project.bootstrapStateFile)) return [];
  return (JSON.parse(fs.readFileSync(project.bootstrapStateFile, 'utf8')) as { resources: unknown[] }).resources;
}

async function tableExists(project: ScratchProject, table: string): Promise<boolean> {
  try {
    await project.aws.dynamodb.send(new DescribeTableCommand({ TableName: table }));
    return true;
  } catch (error) {
    if (isMissingTable(error)) return false;
    throw error;
  }
}

async function workloadBuckets(project: ScratchProject, environment: string): Promise<string[]> {
  const prefix = applicationBucketPrefix(project.project.config.project, environment);
  const { Buckets } = await project.aws.s3.send(new ListBucketsCommand({}));
  return (Buckets ?? []).map((bucket) => bucket.Name ?? '').filter((name) => name.startsWith(prefix));
}

let closedEndpoint: string;
let unreachableBootstrap: { project: ScratchProject; result: CommandResult };
let unreachableDev: { project: ScratchProject; result: CommandResult };
let taken: { project: ScratchProject; result: CommandResult };
let early: { project: ScratchProject; result: CommandResult };

beforeAll(async () => {
  // A port the kernel just handed out and nobody listens on: connections to it are refused.
  closedEndpoint = `http://127.0.0.1:${await freePort()}`;
  const unreachable = [
    scratchProjectAt('unreachable-bootstrap', closedEndpoint),
    scratchProjectAt('unreachable-dev', closedEndpoint),
  ];

  // Customer-managed encryption: the KMS key is the costliest thing to leave behind (it can only be scheduled for deletion).
  const takenProject = scratchProject('taken', e2eConfig('taken', { stateEncryption: 'customer-managed' }));
  // A bucket of the state bucket's name that this project's bootstrap state does not own.
  await takenProject.aws.s3.send(new CreateBucketCommand({ Bucket: takenProject.project.names.stateBucket }));
  const earlyProject = scratchProject('before-bootstrap');

  const [bootstrapResult, devResult, takenResult, earlyResult] = await Promise.all([
    unreachable[0]!.deploy(['bootstrap']),
    unreachable[1]!.deploy(['dev']),
    takenProject.deploy(['bootstrap']),
    earlyProject.deploy(['dev']),
  ]);
  unreachableBootstrap = { project: unreachable[0]!, result: bootstrapResult };
  unreachableDev = { project: unreachable[1]!, result: devResult };
  taken = { project: takenProject, result: takenResult };
  early = { project: earlyProject, result: earlyResult };
});

describe('the emulator is unreachable (AWS_ENDPOINT_URL at a closed port)', () => {
  const refused = () => new RegExp(`dial tcp ${new URL(closedEndpoint).host}: connect: connection refused`);

  test('cdktf deploy bootstrap fails, naming the endpoint and the refused connection', () => {
    const { result } = unreachableBootstrap;
    expect(result.exitCode).not.toBe(0);
    const text = output(result);
    const bucket = unreachableBootstrap.project.project.names.stateBucket;
    expect(text).toContain(`Error: creating S3 Bucket (${bucket}): operation error S3: CreateBucket`);
    expect(text).toMatch(refused());
    expect(text).toMatch(CDKTF_FAILED);
  });

  test('cdktf deploy dev fails at init, naming the endpoint and the refused connection', () => {
    const { result } = unreachableDev;
    expect(result.exitCode).not.toBe(0);
    const text = output(result);
    expect(text).toContain('Error: Failed to get existing workspaces: Unable to list objects in S3 bucket');
    expect(text).toMatch(refused());
  });

  // With the defaults (provider 25, backend 5 attempts) the retries alone took ~45 s and ~25 s here. The
  // attempt count, not the wall clock, is asserted: on a loaded machine synth, init and plan vary more than that.
  test(`both give up after ${EMULATOR_MAX_ATTEMPTS} attempts instead of retrying for a minute`, () => {
    for (const { result } of [unreachableBootstrap, unreachableDev]) {
      expect(output(result)).toContain(`exceeded maximum number of attempts, ${EMULATOR_MAX_ATTEMPTS},`);
    }
  });

  test('nothing is recorded as created: the bootstrap state has no resources, dev has no local state', () => {
    expect(bootstrapResources(unreachableBootstrap.project)).toEqual([]);
    expect(fs.existsSync(path.join(unreachableDev.project.directory, 'terraform.dev.tfstate'))).toBe(false);
    expect(fs.existsSync(path.join(unreachableDev.project.stackDirectory('dev'), 'terraform.tfstate'))).toBe(false);
  });

  test('the demo and the troubleshooting page say what to do', () => {
    expect(hintFor(output(unreachableDev.result))?.problem).toBe(`nothing answers at ${new URL(closedEndpoint).host}`);
    expect(TROUBLESHOOTING).toContain('connect: connection refused');
  });
});

describe('the state bucket name is taken by a bucket this project does not own', () => {
  test('cdktf deploy bootstrap fails with BucketAlreadyExists, naming the bucket', () => {
    const { result, project } = taken;
    expect(result.exitCode).not.toBe(0);
    expect(output(result)).toContain(
      `Error: creating S3 Bucket (${project.project.names.stateBucket}): BucketAlreadyExists`,
    );
    expect(output(result)).toMatch(CDKTF_FAILED);
  });

  test('nothing else is created: no table, no resource in the bootstrap state (so no KMS key either)', async () => {
    const { project } = taken;
    expect(await tableExists(project, project.project.names.lockTable)).toBe(false);
    // Terraform records every resource it creates, even when the apply fails later.
    expect(bootstrapResources(project)).toEqual([]);
  });

  test('the existing bucket is left exactly as it was: no versioning, lifecycle or tags added', async () => {
    const { aws, project } = taken.project;
    const bucket = project.names.stateBucket;
    expect((await aws.s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBeUndefined();
    await expect(aws.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).rejects.toMatchObject({
      name: 'NoSuchLifecycleConfiguration',
    });
    await expect(aws.s3.send(new GetBucketTaggingCommand({ Bucket: bucket }))).rejects.toMatchObject({
      name: 'NoSuchTagSet',
    });
  });

  test('the demo and the troubleshooting page say what to do', () => {
    expect(hintFor(output(taken.result))?.advice).toContain('stateBucketName in config/project.ts');
    expect(TROUBLESHOOTING).toContain('BucketAlreadyExists');
    expect(TROUBLESHOOTING).toContain('stateBucketName');
  });
});

describe('an environment deployed before the bootstrap', () => {
  test("cdktf deploy dev fails with Terraform's message that the state bucket does not exist", () => {
    const { result, project } = early;
    expect(result.exitCode).not.toBe(0);
    const text = output(result);
    expect(text).toContain(
      `Error: Failed to get existing workspaces: S3 bucket "${project.project.names.stateBucket}" does not exist.`,
    );
    expect(text).toContain('The referenced S3 bucket must have been previously created.');
    expect(text).toContain('terraform init failed with exit code 1');
  });

  test('the synth before it says what to do: deploy the bootstrap first', () => {
    expect(output(early.result)).toContain(`WARN [dev]: ${bootstrapMissingWarning(EMULATOR_BOOTSTRAP_STATE_FILE)}`);
  });

  test('nothing is created: no bucket, no table, no state object, no workload', async () => {
    const { project } = early;
    const { stateBucket, lockTable } = project.project.names;
    expect(await bucketExists(project, stateBucket)).toBe(false);
    expect(await tableExists(project, lockTable)).toBe(false);
    await expect(project.aws.s3.send(new ListObjectVersionsCommand({ Bucket: stateBucket }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
    expect(await workloadBuckets(project, 'dev')).toEqual([]);
    expect(fs.existsSync(path.join(project.directory, 'terraform.dev.tfstate'))).toBe(false);
  });

  test('the demo and the troubleshooting page say to deploy the bootstrap first', () => {
    expect(hintFor(output(early.result))?.advice).toContain('npx cdktf deploy bootstrap');
    expect(TROUBLESHOOTING).toMatch(/S3 bucket "[^"]*" does not exist/);
    expect(TROUBLESHOOTING).toContain('cdktf deploy bootstrap');
  });
});
