import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { Construct } from 'constructs';
import { PrivateBucket } from './private-bucket';

export interface StateBucketProps {
  readonly bucketName: string;
  /** Customer-managed KMS key ARN; default is the AWS-managed `aws/s3` key. */
  readonly kmsKeyArn?: string;
  /** Days a replaced state version is kept. */
  readonly noncurrentVersionRetentionDays: number;
  /** See PrivateBucketProps.denyInsecureTransport. */
  readonly denyInsecureTransport: boolean;
}

/** Days an unfinished multipart upload may hold storage. */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

/** The bucket that holds every environment's Terraform state. */
export class StateBucket extends Construct {
  readonly bucketName: string;
  readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);

    const { bucket } = new PrivateBucket(this, 'storage', {
      bucket: props.bucketName,
      kmsKeyArn: props.kmsKeyArn,
      denyInsecureTransport: props.denyInsecureTransport,
      preventDestroy: true,
    });
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;

    // The aws provider waits ~55 s after writing lifecycle rules (it re-reads them until they
    // are stable). Nothing depends on this resource, so the rest of the bootstrap runs meanwhile.
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: bucket.id,
      rule: [
        {
          id: 'expire-noncurrent-state-versions',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionRetentionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
        },
      ],
    });
  }
}
