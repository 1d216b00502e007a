import { DescribeTableCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  GetBucketEncryptionCommand,
  GetBucketVersioningCommand,
  type GetBucketEncryptionCommandOutput,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
} from '@aws-sdk/client-s3';
import type { ValidProject } from '../../naming/project';
import type { AwsClients } from '../aws/clients';
import { applicationBucketPrefix } from '../../naming/names';
import { awsErrorName, isMissingObject, isMissingTable } from '../aws/errors';
import { parseLockInfo } from '../terraform/lock-info';

export interface EnvironmentState {
  readonly environment: string;
  readonly key: string;
  /** Bytes of the current state object; undefined when there is none. */
  readonly size?: number;
  /** Stored versions of the state object (each apply that changed state writes one). */
  readonly versions: number;
  /** The S3 lock object (`<key>.tflock`) exists: a run holds the S3 lock. */
  readonly lockfileHeld: boolean;
  /** The environment's workload bucket (its name gets a generated suffix). */
  readonly workloadBucket?: string;
}

export interface DigestItem {
  readonly lockId: string;
  readonly environment?: string;
  readonly digest: string;
}

export interface LockItem {
  readonly lockId: string;
  readonly who?: string;
  readonly operation?: string;
}

/** What the demo's deploys left on the emulator, read back with the AWS SDK. */
export interface DeploymentView {
  readonly bucket: { readonly name: string; readonly versioning?: string; readonly encryption?: string };
  /** Undefined when the table does not exist. */
  readonly table?: { readonly name: string; readonly status?: string; readonly items: number };
  readonly environments: readonly EnvironmentState[];
  readonly digests: readonly DigestItem[];
  readonly locks: readonly LockItem[];
}

/** What `read` returns, or undefined when it fails because the thing is not there. */
async function optional<T>(read: () => Promise<T>, isMissing: (error: unknown) => boolean): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

async function scanAll(aws: AwsClients, table: string): Promise<Array<Record<string, AttributeValue>>> {
  const items: Array<Record<string, AttributeValue>> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await aws.dynamodb.send(
      new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

/** Who holds a lock item and for what, as far as its lock info says. */
function lockHolder(info: string | undefined): Pick<LockItem, 'who' | 'operation'> {
  const parsed = parseLockInfo(info);
  if (!parsed.readable) return {};
  const { Who, Operation } = parsed.info;
  return { ...(Who !== '' && { who: Who }), ...(Operation !== '' && { operation: Operation }) };
}

export async function inspectDeployment(aws: AwsClients, { config, names }: ValidProject): Promise<DeploymentView> {
  const bucket = names.stateBucket;
  const [versioning, encryption, buckets] = await Promise.all([
    aws.s3.send(new GetBucketVersioningCommand({ Bucket: bucket })),
    optional(
      () => aws.s3.send(new GetBucketEncryptionCommand({ Bucket: bucket })),
      (error) => awsErrorName(error) === 'ServerSideEncryptionConfigurationNotFoundError',
    ),
    aws.s3.send(new ListBucketsCommand({})),
  ]);
  const bucketNames = (buckets.Buckets ?? []).map((entry) => entry.Name ?? '');

  const environments = await Promise.all(
    Object.entries(names.environments).map(async ([environment, stateNames]): Promise<EnvironmentState> => {
      const listing = await aws.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: stateNames.stateKey }));
      const versions = (listing.Versions ?? []).filter((version) => version.Key === stateNames.stateKey);
      const current = versions.find((version) => version.IsLatest === true);
      const lockfile = await optional(
        () => aws.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: stateNames.lockfileKey })),
        isMissingObject,
      );
      const prefix = applicationBucketPrefix(config.project, environment);
      const workloadBucket = bucketNames.find((name) => name.startsWith(prefix));
      return {
        environment,
        key: stateNames.stateKey,
        ...(current?.Size !== undefined && { size: current.Size }),
        versions: versions.length,
        lockfileHeld: lockfile !== undefined,
        ...(workloadBucket !== undefined && { workloadBucket }),
      };
    }),
  );

  const bucketView = { name: bucket, versioning: versioning.Status, encryption: firstAlgorithm(encryption) };
  const description = await optional(
    () => aws.dynamodb.send(new DescribeTableCommand({ TableName: names.lockTable })),
    isMissingTable,
  );
  if (description === undefined) return { bucket: bucketView, environments, digests: [], locks: [] };

  const items = await scanAll(aws, names.lockTable);
  const environmentByDigestId = new Map(
    Object.entries(names.environments).map(([environment, stateNames]) => [stateNames.digestId, environment]),
  );
  const digests: DigestItem[] = [];
  const locks: LockItem[] = [];
  for (const item of items) {
    const lockId = item.LockID?.S ?? '';
    const digest = item.Digest?.S;
    if (digest !== undefined) {
      const environment = environmentByDigestId.get(lockId);
      digests.push({ lockId, digest, ...(environment !== undefined && { environment }) });
    } else {
      locks.push({ lockId, ...lockHolder(item.Info?.S) });
    }
  }
  digests.sort((a, b) => a.lockId.localeCompare(b.lockId));
  return {
    bucket: bucketView,
    table: { name: names.lockTable, status: description.Table?.TableStatus, items: items.length },
    environments,
    digests,
    locks,
  };
}

function firstAlgorithm(encryption: GetBucketEncryptionCommandOutput | undefined): string | undefined {
  return encryption?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
}
