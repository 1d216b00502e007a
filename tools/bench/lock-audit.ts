import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { requireEnvironment } from '../../naming/environments';
import type { ValidProject } from '../../naming/project';
import type { AwsClients } from '../aws/clients';

/** One version of an object in the versioned state bucket: a write, or a delete marker. */
export interface ObjectVersion {
  readonly key: string;
  readonly isLatest: boolean;
  readonly deleteMarker: boolean;
}

/** What the lock table and the state bucket hold after some deploys. */
export interface LockStorage {
  /** Every LockID in the lock table: lock items (`<bucket>/<key>`) and digests (`<bucket>/<key>-md5`). */
  readonly lockIds: readonly string[];
  readonly objectVersions: readonly ObjectVersion[];
}

/**
 * Whether every deployed environment took its locks and released them (`dynamodb+s3`: the
 * lockfile first, then the table item). A lock item leaves nothing once deleted, so the table
 * proves release (no lock items, only digests, one per deployed state); the versioned bucket
 * proves taking: each lockfile write is a version, each release a delete marker on top.
 */
export interface LockAudit {
  readonly environments: number;
  /** Lock items still in the table (held locks), anyone's. */
  readonly heldLockItems: readonly string[];
  readonly digests: number;
  /** Deployed environments whose state has no digest item (their state was not written with the table configured). */
  readonly missingDigests: readonly string[];
  /** Lockfile writes of the deployed environments: locks taken. */
  readonly lockfileLocksTaken: number;
  /** Deployed environments that never wrote a lockfile. */
  readonly lockfilesNeverTaken: readonly string[];
  /** Deployed environments whose lockfile is still there (not released). */
  readonly lockfilesHeld: readonly string[];
}

const DIGEST_SUFFIX = '-md5';

/** The audit of `environments` (name, lock item ID and lockfile key of each) against what storage holds. */
export function auditLocks(
  storage: LockStorage,
  environments: readonly { readonly name: string; readonly digestId: string; readonly lockfileKey: string }[],
): LockAudit {
  const ids = new Set(storage.lockIds);
  const versionsOf = (key: string) => storage.objectVersions.filter((version) => version.key === key);
  return {
    environments: environments.length,
    heldLockItems: storage.lockIds.filter((id) => !id.endsWith(DIGEST_SUFFIX)),
    digests: storage.lockIds.filter((id) => id.endsWith(DIGEST_SUFFIX)).length,
    missingDigests: environments.filter((env) => !ids.has(env.digestId)).map((env) => env.name),
    lockfileLocksTaken: environments.reduce(
      (sum, env) => sum + versionsOf(env.lockfileKey).filter((version) => !version.deleteMarker).length,
      0,
    ),
    lockfilesNeverTaken: environments
      .filter((env) => !versionsOf(env.lockfileKey).some((version) => !version.deleteMarker))
      .map((env) => env.name),
    lockfilesHeld: environments
      .filter((env) => versionsOf(env.lockfileKey).some((version) => version.isLatest && !version.deleteMarker))
      .map((env) => env.name),
  };
}

/** Every lock taken was released, and every environment took and wrote through both locks. */
export function locksClean(audit: LockAudit): boolean {
  return (
    audit.heldLockItems.length === 0 &&
    audit.missingDigests.length === 0 &&
    audit.lockfilesNeverTaken.length === 0 &&
    audit.lockfilesHeld.length === 0
  );
}

export function describeLockAudit(audit: LockAudit): string {
  const problems = [
    audit.heldLockItems.length > 0 && `lock items still held: ${audit.heldLockItems.join(', ')}`,
    audit.missingDigests.length > 0 && `no digest for ${audit.missingDigests.join(', ')}`,
    audit.lockfilesNeverTaken.length > 0 && `no lockfile ever written for ${audit.lockfilesNeverTaken.join(', ')}`,
    audit.lockfilesHeld.length > 0 && `lockfiles still held: ${audit.lockfilesHeld.join(', ')}`,
  ].filter((problem): problem is string => typeof problem === 'string');
  const summary =
    `${audit.environments} environments: ${audit.lockfileLocksTaken} lockfile locks taken; ` +
    `lock table: ${audit.heldLockItems.length} lock items, ${audit.digests} digests`;
  return problems.length === 0 ? `${summary}; every lock released` : `${summary}; NOT CLEAN: ${problems.join('; ')}`;
}

async function scanLockIds(clients: AwsClients, table: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await clients.dynamodb.send(
      new ScanCommand({ TableName: table, ProjectionExpression: 'LockID', ExclusiveStartKey: start }),
    );
    ids.push(...(page.Items ?? []).map((item) => item.LockID?.S ?? '').filter((id) => id !== ''));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return ids;
}

async function listObjectVersions(clients: AwsClients, bucket: string): Promise<ObjectVersion[]> {
  const versions: ObjectVersion[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await clients.s3.send(
      new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }),
    );
    for (const version of page.Versions ?? []) {
      versions.push({ key: version.Key ?? '', isLatest: version.IsLatest ?? false, deleteMarker: false });
    }
    for (const marker of page.DeleteMarkers ?? []) {
      versions.push({ key: marker.Key ?? '', isLatest: marker.IsLatest ?? false, deleteMarker: true });
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker !== undefined);
  return versions;
}

/** Reads the project's lock table and state bucket and audits the locks of `environments`. */
export async function readLockAudit(
  clients: AwsClients,
  project: ValidProject,
  environments: readonly string[],
): Promise<LockAudit> {
  const [lockIds, objectVersions] = await Promise.all([
    scanLockIds(clients, project.names.lockTable),
    listObjectVersions(clients, project.names.stateBucket),
  ]);
  return auditLocks(
    { lockIds, objectVersions },
    environments.map((name) => ({ name, ...requireEnvironment(project, name).names })),
  );
}
