import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { TerraformStack, Testing } from 'cdktf';
import { applyEmulatorMode } from '../../app/emulator-mode';
import { synthProject, TEST_EMULATOR, type SynthesizedStack } from '../support/fixtures';

// Emulator mode (AWS_ENDPOINT_URL at synth time) must change where requests go and nothing else,
// except the one documented difference: no TLS-only bucket policy (moto ignores policy conditions).
const real = synthProject().stacks;
const emulated = synthProject(undefined, TEST_EMULATOR).stacks;
const URL = TEST_EMULATOR.endpoint;
const STACKS = Object.keys(real);

const PROVIDER_EMULATOR_KEYS = [
  'access_key',
  'secret_key',
  'endpoints',
  's3_use_path_style',
  'max_retries',
  'skip_credentials_validation',
  'skip_requesting_account_id',
  'skip_metadata_api_check',
  'skip_region_validation',
];
const BACKEND_EMULATOR_KEYS = [
  'access_key',
  'secret_key',
  'endpoints',
  'use_path_style',
  'max_retries',
  'skip_credentials_validation',
  'skip_requesting_account_id',
  'skip_metadata_api_check',
  'skip_region_validation',
];

function without<T extends Record<string, unknown>>(
  value: T | undefined,
  keys: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([key]) => !keys.includes(key)));
}

describe('emulator mode off (no AWS_ENDPOINT_URL)', () => {
  test.each(STACKS)('%s holds no endpoints, credentials or skipped checks', (stack) => {
    const json = JSON.stringify(real[stack]);
    for (const forbidden of [
      'endpoints',
      'access_key',
      'secret_key',
      'skip_',
      'path_style',
      'max_retries',
      '127.0.0.1',
    ]) {
      expect({ stack, forbidden, found: json.includes(forbidden) }).toEqual({ stack, forbidden, found: false });
    }
  });

  test('the state bucket denies requests without TLS', () => {
    expect(JSON.stringify(real.bootstrap!.resource.aws_s3_bucket_policy)).toContain(
      '"aws:SecureTransport\\":\\"false\\"',
    );
  });
});

describe('emulator mode on (AWS_ENDPOINT_URL set)', () => {
  test.each(STACKS)('%s points every provider service at the endpoint, path-style, with checks skipped', (stack) => {
    const [provider] = emulated[stack]!.provider.aws;
    expect(provider).toMatchObject({
      endpoints: [{ s3: URL, dynamodb: URL, kms: URL, sts: URL, iam: URL }],
      s3_use_path_style: true,
      max_retries: 2,
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
      skip_region_validation: true,
      access_key: 'test',
      secret_key: 'test',
    });
    // Account checks are skipped: no allowed_account_ids (it needs the account lookup).
    expect(provider).not.toHaveProperty('allowed_account_ids');
  });

  test.each(STACKS.filter((stack) => stack !== 'bootstrap'))(
    '%s backend targets the endpoint for S3 and DynamoDB',
    (stack) => {
      expect(emulated[stack]!.terraform.backend.s3).toMatchObject({
        endpoints: { s3: URL, dynamodb: URL, sts: URL, iam: URL },
        use_path_style: true,
        max_retries: 2,
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
      });
    },
  );

  test('no stack creates its TLS-only bucket policy (the one documented difference): count 0', () => {
    for (const stack of STACKS) {
      const policies = Object.values(emulated[stack]!.resource.aws_s3_bucket_policy ?? {});
      expect(policies.length).toBe(Object.keys(real[stack]!.resource.aws_s3_bucket_policy ?? {}).length);
      for (const policy of policies) expect(policy.count).toBe(0);
    }
  });

  test('a policy with other statements keeps them and loses only the conditional denies', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'x');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const statements = [
      {
        Sid: 'Allow',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 's3:GetObject',
        Resource: '*',
      },
      {
        Sid: 'DenyInsecure',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      { Sid: 'DenyAll', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: '*' },
    ];
    new S3BucketPolicy(stack, 'p', {
      bucket: 'b',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    });
    applyEmulatorMode(app, TEST_EMULATOR);
    const synthesized = JSON.parse(Testing.synth(stack)) as SynthesizedStack;
    const policy = Object.values(synthesized.resource.aws_s3_bucket_policy ?? {})[0]!;
    expect(policy.count).toBeUndefined();
    expect(
      (JSON.parse(policy.policy as string) as { Statement: Array<{ Sid: string }> }).Statement.map((s) => s.Sid),
    ).toEqual(['Allow', 'DenyAll']);
  });

  test.each(STACKS)('%s is otherwise identical to the AWS stack', (stack) => {
    const strip = (synthesized: SynthesizedStack) => ({
      ...synthesized,
      provider: {
        aws: synthesized.provider.aws.map((p) => without(p, [...PROVIDER_EMULATOR_KEYS, 'allowed_account_ids'])),
      },
      terraform: {
        ...synthesized.terraform,
        backend: Object.fromEntries(
          Object.entries(synthesized.terraform.backend).map(([type, settings]) => [
            type,
            without(settings, BACKEND_EMULATOR_KEYS),
          ]),
        ),
      },
      resource: {
        ...synthesized.resource,
        aws_s3_bucket_policy: Object.fromEntries(
          Object.entries(synthesized.resource.aws_s3_bucket_policy ?? {}).map(([id, policy]) => [
            id,
            without(policy, ['count']),
          ]),
        ),
      },
    });
    expect(strip(emulated[stack]!)).toEqual(strip(real[stack]!));
  });
});
