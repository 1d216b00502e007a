import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../naming/iam-policy';
import { PrivateBucket } from './private-bucket';
import { ABORT_INCOMPLETE_UPLOAD_DAYS } from './state-bucket';

export interface AccessLogBucketProps {
  /** The bucket whose server access logs are kept (the state bucket). */
  readonly source: S3Bucket;
  readonly bucketName: string;
  /** Where in the log bucket the logs go, e.g. `state-bucket/`. */
  readonly prefix: string;
  /** Days a log object is kept. */
  readonly retentionDays: number;
  /** The grant to the logging service (naming/access-log-policy.ts). */
  readonly deliveryStatement: PolicyStatement;
}

/**
 * The state bucket's server access logs: a private bucket with SSE-S3 (the encryption S3 log
 * delivery supports without a key policy of its own), owner enforced, TLS only, a bucket policy that
 * lets the logging service write for the state bucket and account only, logs expiring after
 * `retentionDays`, `prevent_destroy`; and the logging setting of the state bucket.
 */
export class AccessLogBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly logging: S3BucketLoggingA;
  readonly settings: readonly TerraformResource[];

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const logs = new PrivateBucket(this, 'storage', {
      bucket: props.bucketName,
      encryption: 'AES256',
      preventDestroy: true,
      policyStatements: () => [props.deliveryStatement],
    });
    this.bucket = logs.bucket;

    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: logs.bucket.id,
      lifecycle: { preventDestroy: true },
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ days: props.retentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.retentionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
        },
      ],
    });

    // The policy first: S3 checks that the target grants log delivery when logging is set.
    this.logging = new S3BucketLoggingA(this, 'logging', {
      bucket: props.source.id,
      targetBucket: logs.bucket.id,
      targetPrefix: props.prefix,
      dependsOn: logs.settings,
      lifecycle: { preventDestroy: true },
    });
    this.settings = logs.settings;
  }
}
