import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { PrivateBucket } from './private-bucket';

export interface StateBucketProps {
  readonly bucketName: string;
  /** Customer-managed KMS key ARN; default is the AWS-managed `aws/s3` key. */
  readonly kmsKeyArn?: string;
  /** Days a replaced state version is kept. */
  readonly noncurrentVersionRetentionDays: number;
  /**
   * S3 lockfile keys (`<state key>.tflock`) whose old versions expire after a day: every lock
   * taken in the `s3` locking modes leaves one, and they protect nothing once replaced.
   */
  readonly lockfileKeys: readonly string[];
}

/** Days an unfinished multipart upload may hold storage. */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;
/** Days a replaced or deleted lockfile version is kept (S3's minimum). */
export const LOCKFILE_VERSION_RETENTION_DAYS = 1;

/** The bucket that holds every environment's Terraform state. */
export class StateBucket extends Construct {
  readonly bucket: S3Bucket;
  /** Replication needs it on before the rule is written. */
  readonly versioning: S3BucketVersioningA;
  /** The bucket's protective settings (not the lifecycle rules, which take a minute to apply). */
  readonly settings: readonly TerraformResource[];

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);

    const { bucket, settings, versioning } = new PrivateBucket(this, 'storage', {
      bucket: props.bucketName,
      kmsKeyArn: props.kmsKeyArn,
      preventDestroy: true,
    });
    this.bucket = bucket;
    this.versioning = versioning;
    this.settings = settings;

    // The aws provider waits ~55 s after writing lifecycle rules (it re-reads them until they
    // are stable). Nothing depends on this resource, so the rest of the bootstrap runs meanwhile.
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: bucket.id,
      lifecycle: { preventDestroy: true },
      rule: [
        {
          id: 'expire-noncurrent-state-versions',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionRetentionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
        },
        // Lifecycle filters match prefixes, not suffixes: one rule per lockfile, its key as the prefix.
        ...props.lockfileKeys.map((key) => ({
          id: `expire-old-lockfile-versions:${key}`,
          status: 'Enabled',
          filter: [{ prefix: key }],
          noncurrentVersionExpiration: [{ noncurrentDays: LOCKFILE_VERSION_RETENTION_DAYS }],
          // Releasing a lock deletes the object; drop the delete marker once nothing is under it.
          expiration: [{ expiredObjectDeleteMarker: true }],
        })),
      ],
    });
  }
}
