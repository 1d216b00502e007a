import { DescribeTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadBucketCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { localStateResourceTypes } from '../../app/local-state';
import { bootstrapParameterName } from '../../naming/bootstrap-version';
import type { ValidProject } from '../../naming/project';
import type { AwsClients } from '../aws/clients';
import { awsErrorName, isMissingTable } from '../aws/errors';
import { managedResources } from '../terraform/state-file';

/** A state object in the bucket and how many managed resources its current version records. */
export interface StoredState {
  readonly key: string;
  readonly resources: number;
}

/** Everything the teardown looks at before it decides; read-only. */
export interface Inventory {
  readonly bucket: {
    readonly exists: boolean;
    readonly objectVersions: number;
    readonly deleteMarkers: number;
    /** Current state objects, the bootstrap's own excluded. */
    readonly states: readonly StoredState[];
    /** Keys of `.tflock` objects that exist now: a run holds that lock. */
    readonly lockfiles: readonly string[];
    readonly bootstrapState: boolean;
  };
  readonly table: { readonly exists: boolean; readonly locks: readonly string[] };
  readonly record: boolean;
  /** The replica bucket (stateReplicaRegion) and the access log bucket (stateAccessLogs), where configured. */
  readonly otherBuckets: readonly OtherBucket[];
  /** Resource types the bootstrap's local state records; undefined when the file is missing or empty. */
  readonly localState: readonly string[] | undefined;
}

/** A bucket the bootstrap creates besides the state bucket; emptied and deleted with it. */
export interface OtherBucket {
  readonly what: 'replica bucket' | 'access log bucket';
  readonly name: string;
  readonly exists: boolean;
  readonly objectVersions: number;
  readonly deleteMarkers: number;
}

const STATE_SUFFIX = '.tfstate';
const LOCKFILE_SUFFIX = '.tflock';
const DIGEST_SUFFIX = '-md5';

export { managedResources };

async function listVersions(clients: AwsClients, bucket: string) {
  const current: string[] = [];
  let versions = 0;
  let markers = 0;
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await clients.s3.send(
      new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }),
    );
    versions += page.Versions?.length ?? 0;
    markers += page.DeleteMarkers?.length ?? 0;
    current.push(...(page.Versions ?? []).filter((version) => version.IsLatest).map((version) => version.Key ?? ''));
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker !== undefined);
  return { current, versions, markers };
}

async function bucketExists(clients: AwsClients, bucket: string): Promise<boolean> {
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if (['NotFound', 'NoSuchBucket'].includes(awsErrorName(error) ?? '')) return false;
    throw error;
  }
}

async function readBucket(clients: AwsClients, project: ValidProject): Promise<Inventory['bucket']> {
  const bucket = project.names.stateBucket;
  if (!(await bucketExists(clients, bucket))) {
    return { exists: false, objectVersions: 0, deleteMarkers: 0, states: [], lockfiles: [], bootstrapState: false };
  }
  const { current, versions, markers } = await listVersions(clients, bucket);
  const bootstrapKey = project.names.bootstrapState.stateKey;
  const states = await Promise.all(
    current
      .filter((key) => key.endsWith(STATE_SUFFIX) && key !== bootstrapKey)
      .map(async (key) => {
        const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return { key, resources: managedResources((await object.Body?.transformToString('utf-8')) ?? '{}') };
      }),
  );
  return {
    exists: true,
    objectVersions: versions,
    deleteMarkers: markers,
    states,
    lockfiles: current.filter((key) => key.endsWith(LOCKFILE_SUFFIX)),
    bootstrapState: current.includes(bootstrapKey),
  };
}

async function readTable(clients: AwsClients, table: string): Promise<Inventory['table']> {
  try {
    await clients.dynamodb.send(new DescribeTableCommand({ TableName: table }));
  } catch (error) {
    if (isMissingTable(error)) return { exists: false, locks: [] };
    throw error;
  }
  const { Items } = await clients.dynamodb.send(new ScanCommand({ TableName: table, ProjectionExpression: 'LockID' }));
  const ids = (Items ?? []).map((item) => item.LockID?.S ?? '');
  return { exists: true, locks: ids.filter((id) => id !== '' && !id.endsWith(DIGEST_SUFFIX)) };
}

async function recordExists(ssm: SSMClient, name: string): Promise<boolean> {
  try {
    await ssm.send(new GetParameterCommand({ Name: name }));
    return true;
  } catch (error) {
    if (awsErrorName(error) === 'ParameterNotFound') return false;
    throw error;
  }
}

async function readOtherBucket(clients: AwsClients, what: OtherBucket['what'], name: string): Promise<OtherBucket> {
  if (!(await bucketExists(clients, name))) return { what, name, exists: false, objectVersions: 0, deleteMarkers: 0 };
  const { versions, markers } = await listVersions(clients, name);
  return { what, name, exists: true, objectVersions: versions, deleteMarkers: markers };
}

export async function takeInventory(
  clients: AwsClients,
  project: ValidProject,
  localStateFile: string,
  /** Clients of the replica region, when the project has a replica. */
  replicaClients?: AwsClients,
): Promise<Inventory> {
  const { replicaBucket, accessLogBucket } = project.names;
  const [bucket, table, record, ...otherBuckets] = await Promise.all([
    readBucket(clients, project),
    readTable(clients, project.names.lockTable),
    recordExists(clients.ssm, bootstrapParameterName(project.config.project)),
    ...(replicaBucket !== undefined
      ? [readOtherBucket(replicaClients ?? clients, 'replica bucket', replicaBucket)]
      : []),
    ...(accessLogBucket !== undefined ? [readOtherBucket(clients, 'access log bucket', accessLogBucket)] : []),
  ]);
  return { bucket, table, record, otherBuckets, localState: localStateResourceTypes(localStateFile) };
}
