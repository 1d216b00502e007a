import {
  ABORT_INCOMPLETE_UPLOAD_DAYS,
  LOCKFILE_VERSION_RETENTION_DAYS,
  StateBucket,
  type StateBucketProps,
} from '../../constructs/state-bucket';
import { synthConstruct, theResource } from '../support/synth-scope';

const LOCKFILES = ['dev/terraform.tfstate.tflock', 'prod/terraform.tfstate.tflock'];

function synth(props: Partial<StateBucketProps> = {}) {
  return synthConstruct((scope) => {
    new StateBucket(scope, 'state', {
      bucketName: 'acme-tfstate-111122223333-eu-west-1',
      noncurrentVersionRetentionDays: 90,
      lockfileKeys: LOCKFILES,
      ...props,
    });
  });
}

type Rule = Record<string, unknown> & { id: string };
function rules(props: Partial<StateBucketProps> = {}): Rule[] {
  return theResource(synth(props), 'aws_s3_bucket_lifecycle_configuration').rule as Rule[];
}

describe('StateBucket', () => {
  test('has the exact configured name, prevent_destroy and no force_destroy', () => {
    expect(theResource(synth(), 'aws_s3_bucket')).toMatchObject({
      bucket: 'acme-tfstate-111122223333-eu-west-1',
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('is a hardened private bucket (versioned, SSE-KMS, public access blocked, owner enforced, TLS only)', () => {
    const resources = synth();
    expect(theResource(resources, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(theResource(resources, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_policy: true });
    expect(theResource(resources, 'aws_s3_bucket_ownership_controls').rule).toEqual({
      object_ownership: 'BucketOwnerEnforced',
    });
    expect(theResource(resources, 'aws_s3_bucket_policy').policy).toContain('aws:SecureTransport');
  });

  test('keeps replaced state versions for the configured number of days, for every object', () => {
    const [stateRule] = rules({ noncurrentVersionRetentionDays: 30 });
    expect(stateRule).toMatchObject({
      status: 'Enabled',
      filter: [{}],
      noncurrent_version_expiration: [{ noncurrent_days: 30 }],
    });
    // Current versions never expire: the rule has no expiration of its own.
    expect(stateRule?.expiration).toBeUndefined();
  });

  test('aborts incomplete multipart uploads', () => {
    const [stateRule] = rules();
    expect(stateRule?.abort_incomplete_multipart_upload).toEqual([
      { days_after_initiation: ABORT_INCOMPLETE_UPLOAD_DAYS },
    ]);
  });

  test('expires old lockfile versions quickly, one rule per lockfile scoped to exactly that key', () => {
    const lockfileRules = rules().slice(1);
    expect(lockfileRules.map((rule) => rule.filter)).toEqual(LOCKFILES.map((key) => [{ prefix: key }]));
    for (const rule of lockfileRules) {
      expect(rule).toMatchObject({
        status: 'Enabled',
        noncurrent_version_expiration: [{ noncurrent_days: LOCKFILE_VERSION_RETENTION_DAYS }],
        expiration: [{ expired_object_delete_marker: true }],
      });
    }
  });

  test('rule IDs are unique (S3 rejects duplicates)', () => {
    const ids = rules().map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('nothing depends on the slow lifecycle configuration', () => {
    const resources = synth();
    const [lifecycleId] = Object.keys(resources.aws_s3_bucket_lifecycle_configuration ?? {});
    const json = JSON.stringify(
      Object.entries(resources).filter(([type]) => type !== 'aws_s3_bucket_lifecycle_configuration'),
    );
    expect(json).not.toContain(`aws_s3_bucket_lifecycle_configuration.${lifecycleId}`);
  });
});
