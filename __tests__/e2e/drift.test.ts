import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetBucketTaggingCommand, GetObjectCommand, PutBucketTaggingCommand } from '@aws-sdk/client-s3';
import type { ScratchProject } from '../../tools/emulator/scratch-project';
import { runDriftCli } from '../../tools/drift/run-cli';
import { runCommand } from '../../tools/terraform/run';
import { FakeIo } from '../tools/locks/support/fake-io';
import { sharedConfig, sharedProject, useEmulator, useSharedBootstrap } from './support/e2e';
import { deployWithTerraform, heldLockfile, synthesizedStack } from './support/locking';
import { heldLock, stateVersions } from './support/state-inspection';

// `npm run drift -- <env>` (docs/pipeline.md#drift-check) on a deployed environment on moto: no
// drift right after a deploy (exit 0); a change made behind Terraform's back, through the AWS SDK,
// is drift (exit 2) naming the resource; neither run writes state or leaves a lock. On the shared
// bootstrap; dev deployed for real (the workload's bucket is what drifts).
jest.setTimeout(600_000);
useEmulator();
useSharedBootstrap();

const NAME = 'drift';
let project: ScratchProject;
let bucketAddress: string;

async function drift(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = new FakeIo();
  const code = await runDriftCli(args, io, {
    context: { project: project.project, root: project.directory, env: project.env, run: runCommand },
  });
  return { code, stdout: io.stdout, stderr: io.stderr };
}

beforeAll(async () => {
  project = sharedProject(NAME, sharedConfig(NAME));
  await deployWithTerraform(project, ['dev']);
  const [id] = Object.keys(synthesizedStack(project, 'dev').resource.aws_s3_bucket ?? {});
  bucketAddress = `aws_s3_bucket.${id ?? ''}`;
});

async function untouched(check: () => Promise<void>): Promise<void> {
  const versions = (await stateVersions(project, 'dev')).map((version) => version.versionId);
  await check();
  expect((await stateVersions(project, 'dev')).map((version) => version.versionId)).toEqual(versions);
  expect(await heldLock(project, 'dev')).toBeUndefined();
  expect(await heldLockfile(project, 'dev')).toBeUndefined();
}

test('right after a deploy: no drift, exit 0; no state written, no lock left', async () => {
  await untouched(async () => {
    const result = await drift(['dev']);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toContain('drift: dev: no drift');
  });
});

test("a tag changed behind Terraform's back: drift, exit 2, naming the bucket; the job summary says so too", async () => {
  const object = await project.aws.s3.send(
    new GetObjectCommand({
      Bucket: project.project.names.stateBucket,
      Key: project.project.names.environments.dev!.stateKey,
    }),
  );
  const state = JSON.parse(await object.Body!.transformToString()) as {
    resources: Array<{ type: string; instances: Array<{ attributes: { id: string } }> }>;
  };
  const bucket = state.resources.find((resource) => resource.type === 'aws_s3_bucket')!.instances[0]!.attributes.id;
  const { TagSet = [] } = await project.aws.s3.send(new GetBucketTaggingCommand({ Bucket: bucket }));
  await project.aws.s3.send(
    new PutBucketTaggingCommand({
      Bucket: bucket,
      Tagging: { TagSet: [...TagSet, { Key: 'ChangedBy', Value: 'hand' }] },
    }),
  );
  const summary = path.join(project.directory, 'summary.md');
  await untouched(async () => {
    const result = await drift(['dev', '--summary', summary]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr: '' });
    expect(result.stdout).toContain('drift: dev: 1 resource differs from the configuration');
    expect(result.stdout).toContain(bucketAddress);
  });
  const markdown = fs.readFileSync(summary, 'utf8');
  expect(markdown).toContain('### drift: dev');
  expect(markdown).toContain(bucketAddress);
});
