import {
  GetBucketReplicationCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ValidProject } from '../../naming/project';

/**
 * moto (5.2.1) stores a bucket's replication rule and reads it back, but never copies an object.
 * This copies what S3 would have copied under the rule the bootstrap wrote, so the way back from
 * the replica (`npm run state -- history --replica`, `restore --from-replica`) can be proven on
 * the emulator: every version of every object of the state bucket, oldest first, into the
 * rule's destination, encrypted with the rule's replica key; no delete marker (the rule does not
 * replicate them). A version copied before is not copied again (S3 keeps the source's version ID
 * on the replica; moto cannot, so the copy records it as metadata). Emulator tooling only.
 */

/** Metadata a copy carries: the source version it replicates. */
export const REPLICATED_FROM = 'replicated-from-version-id';

export interface ReplicationClients {
  /** The state bucket's region. */
  readonly source: Pick<S3Client, 'send'>;
  /** The replica's region. */
  readonly replica: Pick<S3Client, 'send'>;
}

interface SourceVersion {
  readonly key: string;
  readonly versionId: string;
  readonly lastModified: number;
}

async function sourceVersions(
  client: Pick<S3Client, 'send'>,
  bucket: string,
  prefix?: string,
): Promise<SourceVersion[]> {
  const found: SourceVersion[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await client.send(
      new ListObjectVersionsCommand({
        Bucket: bucket,
        Prefix: prefix,
        KeyMarker: keyMarker,
        VersionIdMarker: versionIdMarker,
      }),
    );
    for (const version of page.Versions ?? []) {
      if (version.Key === undefined || version.VersionId === undefined) continue;
      found.push({
        key: version.Key,
        versionId: version.VersionId,
        lastModified: version.LastModified?.getTime() ?? 0,
      });
    }
    keyMarker = page.IsTruncated === true ? page.NextKeyMarker : undefined;
    versionIdMarker = page.IsTruncated === true ? page.NextVersionIdMarker : undefined;
  } while (keyMarker !== undefined);
  // Oldest first, so the replica's newest version is the source's newest (S3 lists newest first).
  return found.reverse().sort((a, b) => a.lastModified - b.lastModified);
}

async function alreadyCopied(client: Pick<S3Client, 'send'>, bucket: string, prefix?: string): Promise<Set<string>> {
  const copied = new Set<string>();
  for (const version of await sourceVersions(client, bucket, prefix)) {
    const head = await client.send(
      new HeadObjectCommand({ Bucket: bucket, Key: version.key, VersionId: version.versionId }),
    );
    const from = head.Metadata?.[REPLICATED_FROM];
    if (from !== undefined) copied.add(from);
  }
  return copied;
}

/**
 * Copies what the state bucket's replication rule would have replicated (only the keys under
 * `prefix`, when given: a test's own states in a bucket others write to); returns how many
 * versions it copied.
 */
export async function replicateAsS3Would(
  project: ValidProject,
  clients: ReplicationClients,
  prefix?: string,
): Promise<number> {
  const bucket = project.names.stateBucket;
  const { ReplicationConfiguration } = await clients.source.send(new GetBucketReplicationCommand({ Bucket: bucket }));
  const rule = ReplicationConfiguration?.Rules?.find((each) => each.Status === 'Enabled');
  const destination = rule?.Destination?.Bucket;
  if (destination === undefined) throw new Error(`no enabled replication rule on ${bucket}`);
  const replicaBucket = destination.replace(/^arn:[^:]+:s3:::/, '');
  const replicaKey = rule?.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID;
  const copied = await alreadyCopied(clients.replica, replicaBucket, prefix);
  let count = 0;
  for (const version of await sourceVersions(clients.source, bucket, prefix)) {
    if (copied.has(version.versionId)) continue;
    const object = await clients.source.send(
      new GetObjectCommand({ Bucket: bucket, Key: version.key, VersionId: version.versionId }),
    );
    await clients.replica.send(
      new PutObjectCommand({
        Bucket: replicaBucket,
        Key: version.key,
        Body: object.Body === undefined ? new Uint8Array() : await object.Body.transformToByteArray(),
        ...(object.ContentType !== undefined && { ContentType: object.ContentType }),
        ...(replicaKey !== undefined && { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: replicaKey }),
        Metadata: { ...object.Metadata, [REPLICATED_FROM]: version.versionId },
      }),
    );
    count++;
  }
  return count;
}
