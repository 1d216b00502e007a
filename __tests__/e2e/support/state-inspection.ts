import { createHash } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import type { ScratchProject } from '../../../tools/emulator/scratch-project';
import { parseLockInfo, type LockInfo } from '../../../tools/terraform/lock-info';

export interface StateVersion {
  readonly versionId: string;
  readonly serial: number;
  readonly lineage: string;
  readonly resourceCount: number;
}

/** Terraform's lock info as stored in the lock item or the `.tflock` object; a test fails on anything unreadable. */
export function readableLockInfo(raw: string): LockInfo {
  const parsed = parseLockInfo(raw);
  if (!parsed.readable) throw new Error(`unreadable lock info (${parsed.problem}): ${raw}`);
  return parsed.info;
}

async function objectBytes(project: ScratchProject, key: string, versionId?: string): Promise<Buffer> {
  const bucket = project.project.names.stateBucket;
  const object = await project.aws.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

/** Every stored version of an environment's state, newest first, each parsed. */
export async function stateVersions(project: ScratchProject, environment: string): Promise<StateVersion[]> {
  const { stateKey } = project.project.names.environments[environment]!;
  const listing = await project.aws.s3.send(
    new ListObjectVersionsCommand({ Bucket: project.project.names.stateBucket, Prefix: stateKey }),
  );
  const versions = (listing.Versions ?? []).filter((version) => version.Key === stateKey);
  return Promise.all(
    versions.map(async (version) => {
      const state = JSON.parse((await objectBytes(project, stateKey, version.VersionId)).toString('utf8')) as {
        serial: number;
        lineage: string;
        resources: unknown[];
      };
      return {
        versionId: version.VersionId!,
        serial: state.serial,
        lineage: state.lineage,
        resourceCount: state.resources.length,
      };
    }),
  );
}

/** MD5 of the current state object, as Terraform records it in the digest item. */
export async function currentStateMd5(project: ScratchProject, environment: string): Promise<string> {
  const { stateKey } = project.project.names.environments[environment]!;
  return createHash('md5')
    .update(await objectBytes(project, stateKey))
    .digest('hex');
}

async function tableItem(project: ScratchProject, lockId: string): Promise<Record<string, { S?: string }> | undefined> {
  const { Item } = await project.aws.dynamodb.send(
    new GetItemCommand({
      TableName: project.project.names.lockTable,
      Key: { LockID: { S: lockId } },
      ConsistentRead: true,
    }),
  );
  return Item as Record<string, { S?: string }> | undefined;
}

/** The DynamoDB lock currently held on an environment's state, if any. */
export async function heldLock(project: ScratchProject, environment: string): Promise<LockInfo | undefined> {
  const item = await tableItem(project, project.project.names.environments[environment]!.lockId);
  return item?.Info?.S === undefined ? undefined : readableLockInfo(item.Info.S);
}

/** The digest item's MD5 for an environment's state, if any. */
export async function recordedDigest(project: ScratchProject, environment: string): Promise<string | undefined> {
  return (await tableItem(project, project.project.names.environments[environment]!.digestId))?.Digest?.S;
}

/** Polls until `probe` returns a value (or fails after `timeoutMs`). */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
