import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { TerraformProvider, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';

export interface PrivateBucketProps {
  /** Exact bucket name; or give `bucketPrefix` and let AWS add a unique suffix. */
  readonly bucket?: string;
  readonly bucketPrefix?: string;
  /** Customer-managed KMS key ARN; default is the AWS-managed `aws/s3` key. */
  readonly kmsKeyArn?: string;
  /**
   * Make `terraform destroy` fail for the bucket and for each of its settings: a targeted destroy
   * of, say, the versioning would otherwise suspend versioning on a bucket that stays.
   */
  readonly preventDestroy: boolean;
  /**
   * Default encryption: SSE-KMS (`aws:kms`, the default) with `kmsKeyArn` or the AWS-managed key and
   * a bucket key, or SSE-S3 (`AES256`, e.g. for S3 server access logs, which cannot use aws/s3).
   */
  readonly encryption?: 'aws:kms' | 'AES256';
  /** Statements added to the bucket policy after the TLS-only one, given the bucket's ARN. */
  readonly policyStatements?: (bucketArn: string) => readonly object[];
  /** The provider of the bucket's region, when it is not the stack's default one. */
  readonly provider?: TerraformProvider;
}

/** A versioned, KMS-encrypted, owner-only bucket that nothing can make public. */
export class PrivateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioningA;
  /** Versioning, encryption, public access block, ownership controls and policy. */
  readonly settings: TerraformResource[];

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    const lifecycle = { preventDestroy: props.preventDestroy };
    const provider = props.provider === undefined ? {} : { provider: props.provider };

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucket,
      bucketPrefix: props.bucketPrefix,
      // Stated explicitly: emptying a bucket of state must never be part of a destroy.
      forceDestroy: false,
      lifecycle,
      ...provider,
    });
    const bucket = this.bucket.id;

    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket,
      versioningConfiguration: { status: 'Enabled' },
      lifecycle,
      ...provider,
    });

    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        props.encryption === 'AES256'
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }
          : {
              applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
              // One data key per bucket instead of one KMS call per object: cheaper, same protection.
              bucketKeyEnabled: true,
            },
      ],
      lifecycle,
      ...provider,
    });

    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      lifecycle,
      ...provider,
    });

    // ACLs off: the bucket owner owns every object.
    const ownership = new S3BucketOwnershipControls(this, 'ownership', {
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
      lifecycle,
      ...provider,
    });

    const policy = new S3BucketPolicy(this, 'policy', {
      bucket,
      // S3 rejects concurrent changes to a bucket's access settings (OperationAborted).
      dependsOn: [publicAccessBlock],
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          ...(props.policyStatements?.(this.bucket.arn) ?? []),
        ],
      }),
      lifecycle,
      ...provider,
    });
    this.settings = [this.versioning, encryption, publicAccessBlock, ownership, policy];
  }
}
