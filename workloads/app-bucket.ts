import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { PrivateBucket } from '../constructs/private-bucket';
import { ABORT_INCOMPLETE_UPLOAD_DAYS } from '../constructs/state-bucket';
import type { WorkloadProps } from '../constructs/workload';
import { applicationBucketPrefix } from '../naming/names';

/** Days a replaced or deleted object version is kept before S3 expires it. */
export const NONCURRENT_VERSION_DAYS = 30;

/**
 * The example workload: a private, versioned, encrypted bucket named `<project>-<environment>-app-…`.
 * Copy this file to add your own (README, "Add your infrastructure").
 *
 * It extends PrivateBucket rather than wrapping it, so its resources keep the construct paths, and
 * so the Terraform addresses, they had before workloads existed (`app-bucket/bucket`, ...).
 */
export default class AppBucket extends PrivateBucket {
  constructor(scope: Construct, id: string, props: WorkloadProps) {
    super(scope, id, {
      bucketPrefix: applicationBucketPrefix(props.project.config.project, props.environment),
      preventDestroy: false,
    });

    // The aws provider waits ~55 s after writing lifecycle rules until they read back stable.
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      // Rules on noncurrent versions need versioning on first.
      dependsOn: [this.versioning],
      rule: [
        {
          id: 'abort-incomplete-uploads-and-expire-noncurrent-versions',
          status: 'Enabled',
          filter: [{}],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
          noncurrentVersionExpiration: [{ noncurrentDays: NONCURRENT_VERSION_DAYS }],
        },
      ],
    });

    // Named as it was before workloads existed (an output inside a construct is otherwise named by its path).
    new TerraformOutput(this, 'app_bucket', { value: this.bucket.bucket }).overrideLogicalId('app_bucket');
  }
}
