import { ABORT_INCOMPLETE_UPLOAD_DAYS } from '../../constructs/state-bucket';
import { NONCURRENT_VERSION_DAYS } from '../../workloads/app-bucket';
import { synthProject } from '../support/fixtures';
import { resourcesOf, theResource } from '../support/synth-scope';

describe('the example workload, app-bucket', () => {
  const { stacks } = synthProject();
  const environments = ['dev', 'prod'];

  test.each(environments)(
    '%s keeps the Terraform addresses and output it had before workloads existed (no state moves)',
    (environment) => {
      const stack = stacks[environment]!;
      const addresses = Object.entries(stack.resource).flatMap(([type, resources]) =>
        Object.keys(resources).map((name) => `${type}.${name}`),
      );
      expect(addresses).toEqual(
        expect.arrayContaining([
          'aws_s3_bucket.app-bucket_937AFDE3',
          'aws_s3_bucket_versioning.app-bucket_versioning_9275C23B',
          'aws_s3_bucket_server_side_encryption_configuration.app-bucket_encryption_18370ED0',
          'aws_s3_bucket_public_access_block.app-bucket_public-access-block_C44C1814',
          'aws_s3_bucket_ownership_controls.app-bucket_ownership_986ED497',
          'aws_s3_bucket_policy.app-bucket_policy_39592956',
        ]),
      );
      expect(addresses).toHaveLength(7);
      expect(stack.output?.app_bucket?.value).toBe('${aws_s3_bucket.app-bucket_937AFDE3.bucket}');
    },
  );

  test.each(environments)(
    '%s bucket has a lifecycle rule: incomplete uploads aborted, noncurrent versions expired (checkov CKV2_AWS_61)',
    (environment) => {
      const resources = stacks[environment]!.resource;
      const lifecycle = theResource(resources, 'aws_s3_bucket_lifecycle_configuration');
      expect(lifecycle.bucket).toBe('${aws_s3_bucket.app-bucket_937AFDE3.id}');
      const rules = lifecycle.rule as Array<Record<string, unknown>>;
      expect(rules).toHaveLength(1);
      expect(rules[0]).toMatchObject({
        status: 'Enabled',
        filter: [{}],
        abort_incomplete_multipart_upload: [{ days_after_initiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
        noncurrent_version_expiration: [{ noncurrent_days: NONCURRENT_VERSION_DAYS }],
      });
      // Rules on noncurrent versions are written once versioning is on.
      expect(lifecycle.depends_on).toEqual([
        `aws_s3_bucket_versioning.${Object.keys(resources.aws_s3_bucket_versioning ?? {})[0]}`,
      ]);
    },
  );

  test('each environment has its own bucket prefix', () => {
    const prefixes = environments.map(
      (environment) => resourcesOf(stacks[environment]!.resource, 'aws_s3_bucket')[0]?.bucket_prefix,
    );
    expect(prefixes).toEqual(['acme-dev-app-', 'acme-prod-app-']);
  });
});
