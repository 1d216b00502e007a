import { GetObjectCommand, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { awsErrorName, isConditionFailed, isMissingObject } from '../aws/errors';
import { AwsLockStore } from '../locks/aws-lock-store';
import type { StateStore, StateVersion, StateVersionSource, StateWrite, StateWriteResult } from './state-store';

/** Newest first; at the same instant the current entry first. */
export function newestFirst(a: StateVersion, b: StateVersion): number {
  const time = (b.lastModified?.getTime() ?? 0) - (a.lastModified?.getTime() ?? 0);
  return time !== 0 ? time : Number(b.latest) - Number(a.latest);
}

/** The versions of state objects in one bucket (the state bucket, or its replica), read-only. */
export class AwsStateVersionSource extends AwsLockStore implements StateVersionSource {
  async listStateVersions(key: string): Promise<StateVersion[]> {
    return this.call(async () => {
      const found: StateVersion[] = [];
      let keyMarker: string | undefined;
      let versionIdMarker: string | undefined;
      do {
        const page = await this.clients.s3.send(
          new ListObjectVersionsCommand({
            Bucket: this.location.bucket,
            Prefix: key,
            KeyMarker: keyMarker,
            VersionIdMarker: versionIdMarker,
          }),
        );
        for (const version of page.Versions ?? []) {
          if (version.Key !== key || version.VersionId === undefined) continue;
          found.push({
            versionId: version.VersionId,
            latest: version.IsLatest === true,
            deleteMarker: false,
            lastModified: version.LastModified,
            size: version.Size,
            etag: version.ETag,
          });
        }
        for (const marker of page.DeleteMarkers ?? []) {
          if (marker.Key !== key || marker.VersionId === undefined) continue;
          found.push({
            versionId: marker.VersionId,
            latest: marker.IsLatest === true,
            deleteMarker: true,
            lastModified: marker.LastModified,
            size: undefined,
            etag: undefined,
          });
        }
        keyMarker = page.IsTruncated === true ? page.NextKeyMarker : undefined;
        versionIdMarker = page.IsTruncated === true ? page.NextVersionIdMarker : undefined;
      } while (keyMarker !== undefined);
      return found.sort(newestFirst);
    });
  }

  async readStateVersion(key: string, versionId: string): Promise<Uint8Array | undefined> {
    return this.call(
      async () => {
        const { Body } = await this.clients.s3.send(
          new GetObjectCommand({ Bucket: this.location.bucket, Key: key, VersionId: versionId }),
        );
        return Body === undefined ? new Uint8Array() : await Body.transformToByteArray();
      },
      (error) => (isMissingObject(error) || awsErrorName(error) === 'NoSuchVersion' ? { value: undefined } : undefined),
    );
  }
}

/** StateStore over the AWS SDK v3 clients: the state bucket and lock table of one project. */
export class AwsStateStore extends AwsStateVersionSource implements StateStore {
  async writeStateObject(key: string, body: Uint8Array, write: StateWrite): Promise<StateWriteResult> {
    return this.call<StateWriteResult>(
      async () => {
        // As Terraform's S3 backend writes a state (ContentType, SSE-KMS with the backend's key);
        // conditional, so a write that ignores the lock is never overwritten blindly.
        const { VersionId } = await this.clients.s3.send(
          new PutObjectCommand({
            Bucket: this.location.bucket,
            Key: key,
            Body: body,
            ContentType: 'application/json',
            ServerSideEncryption: 'aws:kms',
            SSEKMSKeyId: write.kmsKeyId,
            ...(write.expectedEtag === undefined ? { IfNoneMatch: '*' } : { IfMatch: write.expectedEtag }),
          }),
        );
        return { outcome: 'written', versionId: VersionId };
      },
      (error) =>
        isConditionFailed(error) || awsErrorName(error) === 'ConditionalRequestConflict'
          ? { value: { outcome: 'changed' } }
          : undefined,
    );
  }
}
