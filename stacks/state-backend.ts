import { S3Backend } from 'cdktf';
import type { Construct } from 'constructs';
import type { BackendSettings } from '../naming/backend-settings';

/** An S3 backend block saying exactly `settings`. */
export function stateBackend(scope: Construct, settings: BackendSettings): S3Backend {
  const backend = new S3Backend(scope, {
    bucket: settings.bucket,
    key: settings.key,
    region: settings.region,
    encrypt: settings.encrypt,
    kmsKeyId: settings.kms_key_id,
    dynamodbTable: settings.dynamodb_table,
    ...(settings.assume_role && { assumeRole: { roleArn: settings.assume_role.role_arn } }),
  });
  // cdktf 0.21's S3BackendConfig has no useLockfile.
  if (settings.use_lockfile) backend.addOverride('use_lockfile', true);
  return backend;
}
