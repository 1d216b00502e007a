import { PrivateBucket, type PrivateBucketProps } from '../../constructs/private-bucket';
import { synthConstruct, theResource } from '../support/synth-scope';

function synth(props: Partial<PrivateBucketProps> = {}) {
  return synthConstruct((scope) => {
    new PrivateBucket(scope, 'b', {
      bucket: 'acme-bucket',
      preventDestroy: true,
      ...props,
    });
  });
}

describe('PrivateBucket', () => {
  test('versioning is enabled', () => {
    expect(theResource(synth(), 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
  });

  test('default encryption is SSE-KMS with the AWS-managed key and a bucket key', () => {
    const [rule] = theResource(synth(), 'aws_s3_bucket_server_side_encryption_configuration').rule as Array<
      Record<string, unknown>
    >;
    expect(rule).toEqual({
      apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' },
      bucket_key_enabled: true,
    });
  });

  test('default encryption uses the customer-managed key when one is given', () => {
    const arn = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const [rule] = theResource(synth({ kmsKeyArn: arn }), 'aws_s3_bucket_server_side_encryption_configuration')
      .rule as Array<Record<string, unknown>>;
    expect(rule?.apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'aws:kms', kms_master_key_id: arn });
  });

  test('all four public access blocks are on', () => {
    expect(theResource(synth(), 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('object ownership is BucketOwnerEnforced (ACLs disabled)', () => {
    expect(theResource(synth(), 'aws_s3_bucket_ownership_controls').rule).toEqual({
      object_ownership: 'BucketOwnerEnforced',
    });
  });

  test('the bucket policy denies every request made without TLS, on the bucket and its objects', () => {
    const policy = JSON.parse(theResource(synth(), 'aws_s3_bucket_policy').policy as string) as {
      Statement: Array<Record<string, unknown>>;
    };
    expect(policy.Statement).toHaveLength(1);
    const [statement] = policy.Statement;
    expect(statement).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    const resources = statement?.Resource as string[];
    expect(resources).toHaveLength(2);
    expect(resources[0]).toMatch(/^\$\{aws_s3_bucket\.[\w-]+\.arn\}$/);
    expect(resources[1]).toBe(`${resources[0]}/*`);
  });

  test('the policy waits for the public access block (S3 rejects concurrent access changes)', () => {
    const resources = synth();
    const [blockId] = Object.keys(resources.aws_s3_bucket_public_access_block ?? {});
    expect(theResource(resources, 'aws_s3_bucket_policy').depends_on).toEqual([
      `aws_s3_bucket_public_access_block.${blockId}`,
    ]);
  });

  test('force_destroy is off and prevent_destroy follows the prop', () => {
    expect(theResource(synth(), 'aws_s3_bucket')).toMatchObject({
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(theResource(synth({ preventDestroy: false }), 'aws_s3_bucket')).toMatchObject({
      lifecycle: { prevent_destroy: false },
    });
  });

  test('every bucket setting applies to this bucket', () => {
    const resources = synth();
    const [bucketId] = Object.keys(resources.aws_s3_bucket ?? {});
    for (const type of [
      'aws_s3_bucket_versioning',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_policy',
    ]) {
      expect({ type, bucket: theResource(resources, type).bucket }).toEqual({
        type,
        bucket: `\${aws_s3_bucket.${bucketId}.id}`,
      });
    }
  });
});
