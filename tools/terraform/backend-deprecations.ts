import type { BackendSettings } from '../../naming/backend-settings';

/** An S3 backend setting Terraform has deprecated, and what replaces it. */
export interface BackendDeprecation {
  readonly setting: keyof BackendSettings;
  /** The Terraform release that deprecated it (and warns on every `terraform init`). */
  readonly deprecatedIn: string;
  /** The latest Terraform release known to still accept it: none has removed it yet. */
  readonly stillAcceptedIn: string;
  readonly replacement: keyof BackendSettings;
}

/**
 * `dynamodb_table`: deprecated by Terraform 1.11 (when S3-native locking went GA), still accepted
 * up to 1.16 (1.16.0-rc2 was the latest release checked). docs/locking-modes.md#when-to-move-to-s3
 */
export const DYNAMODB_TABLE_DEPRECATION: BackendDeprecation = {
  setting: 'dynamodb_table',
  deprecatedIn: '1.11',
  stillAcceptedIn: '1.16',
  replacement: 'use_lockfile',
};

/** The deprecated settings a backend block uses. */
export function backendDeprecations(settings: BackendSettings): BackendDeprecation[] {
  return settings.dynamodb_table === undefined ? [] : [DYNAMODB_TABLE_DEPRECATION];
}
