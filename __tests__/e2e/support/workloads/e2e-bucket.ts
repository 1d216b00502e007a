// The e2e scratch projects' workload (workloads/e2e-bucket.ts there; e2eConfig names it): a bare
// bucket. The locking tests replace it on every apply to make each run a change. The example
// workload's lifecycle rules would cost ~55 s each time (the aws provider waits until they read
// back stable, docs/speed.md); the quick start and the demo deploy the example itself.
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Construct } from 'constructs';
// A type-only import is erased when the app is bundled, so this path need only resolve here.
import type { WorkloadProps } from '../../../../constructs/workload';

export default class E2eBucket extends Construct {
  constructor(scope: Construct, id: string, props: WorkloadProps) {
    super(scope, id);
    // The example's prefix (naming/names.ts applicationBucketPrefix), which bad-input.test.ts looks for.
    new S3Bucket(this, 'bucket', { bucketPrefix: `${props.project.config.project}-${props.environment}-app-` });
  }
}
