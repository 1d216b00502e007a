import type { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import type { S3BackendConfig } from 'cdktf';
import { ConfigError } from './validate';

/**
 * Emulator mode: when `AWS_ENDPOINT_URL` (the AWS SDKs' standard variable) is set at synth
 * time, every provider and backend talks to that endpoint instead of AWS.
 */
export interface Emulator {
  readonly endpoint: string;
}

// Fixed dummy credentials: real ones in the user's shell are never sent to an emulator.
export const EMULATOR_CREDENTIALS = { accessKey: 'test', secretKey: 'test' } as const;

export function emulatorFromEnv(env: NodeJS.ProcessEnv = process.env): Emulator | undefined {
  const endpoint = env.AWS_ENDPOINT_URL;
  if (endpoint === undefined || endpoint === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(
      [{ field: 'AWS_ENDPOINT_URL', value: endpoint, rule: 'must be an http:// or https:// URL such as http://127.0.0.1:5000, or unset to target AWS' }],
      'environment variables',
    );
  }
  return { endpoint: endpoint.replace(/\/+$/, '') };
}

/** Provider settings that point every service the stacks use at the emulator. */
export function emulatorProviderSettings(emulator: Emulator): Partial<AwsProviderConfig> {
  const url = emulator.endpoint;
  return {
    ...EMULATOR_CREDENTIALS,
    endpoints: [{ s3: url, dynamodb: url, kms: url, sts: url, iam: url }],
    s3UsePathStyle: true,
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: 'true',
    skipRegionValidation: true,
  };
}

/** The same for the S3 backend of the environment stacks. */
export function emulatorBackendSettings(emulator: Emulator): Partial<S3BackendConfig> {
  const url = emulator.endpoint;
  return {
    ...EMULATOR_CREDENTIALS,
    endpoints: { s3: url, dynamodb: url, sts: url, iam: url },
    usePathStyle: true,
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: true,
    skipRegionValidation: true,
  };
}
