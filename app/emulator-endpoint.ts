import { ConfigError } from '../config/config-error';
import { BOOTSTRAP_STATE_FILE } from '../naming/names';

/**
 * Emulator mode: when `AWS_ENDPOINT_URL` (the AWS SDKs' standard variable) is set at synth
 * time, every provider and backend talks to that endpoint instead of AWS.
 */
export interface Emulator {
  readonly endpoint: string;
}

// Fixed dummy credentials: real ones in the user's shell are never sent to an emulator.
export const EMULATOR_CREDENTIALS = { accessKey: 'test', secretKey: 'test' } as const;

/**
 * `max_retries` of the provider and the S3 backend in emulator mode. Both pass it to the AWS SDK
 * as its maximum number of attempts (the error then says "exceeded maximum number of attempts, 2").
 * An emulator on loopback does not throttle or drop requests; when it is not running, the
 * defaults (25 for the provider, 5 for the backend) retry "connection refused" with exponential
 * backoff. Measured against a closed port (2 cores, busy): `cdktf deploy bootstrap` failed after
 * 77 s (9 attempts at CreateBucket) and `cdktf deploy dev` after 28 s (5 at ListObjectsV2); with
 * 2 attempts, after 16 s and 5 s, nearly all of it synth, init and plan. Terraform's own waits
 * (state lock, -lock-timeout, state digest) are separate loops and unaffected.
 */
export const EMULATOR_MAX_ATTEMPTS = 2;

/**
 * The bootstrap's local state in emulator mode: a file of its own, so that trying the project on
 * an emulator never touches the state of the real bootstrap (terraform.bootstrap.tfstate).
 */
export const EMULATOR_BOOTSTRAP_STATE_FILE = 'terraform.bootstrap.emulator.tfstate';

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
      [
        {
          field: 'AWS_ENDPOINT_URL',
          value: endpoint,
          rule: 'must be an http:// or https:// URL such as http://127.0.0.1:5000, or unset to target AWS',
        },
      ],
      'environment variables',
    );
  }
  return { endpoint: endpoint.replace(/\/+$/, '') };
}

/** The bootstrap's local state file (relative to the project root) for this environment's mode. */
export function localBootstrapStateFile(env: NodeJS.ProcessEnv = process.env): string {
  return emulatorFromEnv(env) === undefined ? BOOTSTRAP_STATE_FILE : EMULATOR_BOOTSTRAP_STATE_FILE;
}
