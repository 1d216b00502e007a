import { requireEnvironment } from './environments';
import type { EnvironmentStateNames } from './names';
import type { ValidProject } from './project';
import { reachesStateThroughRole, stateRoleArn } from './state-roles';

/** AWS-managed S3 key: named so the state objects are SSE-KMS like the bucket default. */
export const AWS_MANAGED_S3_KEY = 'alias/aws/s3';

/**
 * What an environment's S3 backend block says, in Terraform's own attribute names.
 * Shared by the environment stacks, the bootstrap's outputs and the lock tool.
 */
export interface BackendSettings {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  readonly encrypt: true;
  readonly kms_key_id: string;
  /** Set in `dynamodb` and `dynamodb+s3` locking modes. */
  readonly dynamodb_table?: string;
  /** Set in `s3` and `dynamodb+s3` locking modes. */
  readonly use_lockfile?: true;
  /** For an environment in another account than the state: its state role there (docs/multi-account.md). */
  readonly assume_role?: { readonly role_arn: string };
}

export function backendSettings(project: ValidProject, environment: string): BackendSettings {
  const settings = stateBackendSettings(project, requireEnvironment(project, environment).names);
  return reachesStateThroughRole(project, environment)
    ? { ...settings, assume_role: { role_arn: stateRoleArn(project, environment) } }
    : settings;
}

/** The key every state in the bucket is written with: the project's own key, or S3's AWS managed key. */
export function stateKmsKeyId({ config, names }: Pick<ValidProject, 'config' | 'names'>): string {
  return config.stateEncryption === 'customer-managed' ? names.stateKeyAlias : AWS_MANAGED_S3_KEY;
}

/** The same for any state in the bucket: an environment's, or the bootstrap's own. */
export function stateBackendSettings(
  { config, names }: ValidProject,
  stateNames: EnvironmentStateNames,
): BackendSettings {
  return {
    bucket: names.stateBucket,
    key: stateNames.stateKey,
    region: config.stateRegion,
    // encrypt + kms_key_id: Terraform writes state as SSE-KMS (encrypt alone means SSE-S3).
    encrypt: true,
    kms_key_id: stateKmsKeyId({ config, names }),
    ...(config.locking !== 's3' && { dynamodb_table: names.lockTable }),
    ...(config.locking !== 'dynamodb' && { use_lockfile: true as const }),
  };
}
