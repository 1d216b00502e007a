import type { LockingMode } from '../../config/types';
import { validateProject } from '../../naming/project';
import { AWS_MANAGED_S3_KEY, backendSettings } from '../../naming/backend-settings';
import { testConfig } from '../support/test-config';

const BUCKET = 'acme-tfstate-111122223333-eu-west-1';

describe('backendSettings', () => {
  test.each<[LockingMode, Record<string, unknown>]>([
    ['dynamodb', { dynamodb_table: 'acme-tfstate-lock' }],
    ['s3', { use_lockfile: true }],
    ['dynamodb+s3', { dynamodb_table: 'acme-tfstate-lock', use_lockfile: true }],
  ])('in %s locking mode sets only the matching lock settings', (locking, lockSettings) => {
    expect(backendSettings(validateProject(testConfig({ locking })), 'dev')).toStrictEqual({
      bucket: BUCKET,
      key: 'dev/terraform.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      kms_key_id: 'alias/aws/s3',
      ...lockSettings,
    });
  });

  test('defaults to dynamodb locking', () => {
    const settings = backendSettings(validateProject(testConfig()), 'dev');
    expect(settings.dynamodb_table).toBe('acme-tfstate-lock');
    expect(settings).not.toHaveProperty('use_lockfile');
  });

  test('uses the AWS-managed aws/s3 key by default', () => {
    expect(AWS_MANAGED_S3_KEY).toBe('alias/aws/s3');
    expect(backendSettings(validateProject(testConfig()), 'dev').kms_key_id).toBe('alias/aws/s3');
  });

  test('uses the project key alias with a customer-managed key', () => {
    const settings = backendSettings(validateProject(testConfig({ stateEncryption: 'customer-managed' })), 'dev');
    expect(settings.kms_key_id).toBe('alias/acme-tfstate');
  });

  test('always points at the state bucket in the state region, not the environment region', () => {
    // prod's resources live in eu-central-1, its state in the state region eu-west-1.
    const settings = backendSettings(validateProject(testConfig()), 'prod');
    expect(settings).toMatchObject({ bucket: BUCKET, key: 'prod/terraform.tfstate', region: 'eu-west-1' });
  });

  test('uses explicit bucket, table and key names', () => {
    const project = validateProject(
      testConfig({
        stateBucketName: 'my-state',
        lockTableName: 'my-locks',
        environments: { dev: { region: 'eu-west-1', stateKey: 'apps/dev.tfstate' } },
      }),
    );
    expect(backendSettings(project, 'dev')).toMatchObject({
      bucket: 'my-state',
      key: 'apps/dev.tfstate',
      dynamodb_table: 'my-locks',
    });
  });

  test('throws for an unknown environment', () => {
    const project = validateProject(testConfig());
    expect(() => backendSettings(project, 'staging')).toThrow('unknown environment "staging"');
  });
});
