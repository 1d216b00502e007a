// Everything about recognizing AWS SDK v3 errors, and saying what they mean to a person.
import { ToolError } from '../cli/errors';
import type { StateStoreLocation } from './state-store-location';

/** The error's name as the AWS SDK v3 sets it (NoSuchKey, ConditionalCheckFailedException, ...). */
export function awsErrorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string'
    ? error.name
    : undefined;
}

/** An S3 read of a key with no object, or whose current version is a delete marker. */
export function isMissingObject(error: unknown): boolean {
  const name = awsErrorName(error);
  return name === 'NoSuchKey' || name === 'NotFound';
}

/** A DynamoDB request on a table that does not exist. */
export function isMissingTable(error: unknown): boolean {
  return awsErrorName(error) === 'ResourceNotFoundException';
}

/** A conditional write whose condition no longer held: DynamoDB's condition expression, S3's If-Match. */
export function isConditionFailed(error: unknown): boolean {
  const name = awsErrorName(error);
  return name === 'ConditionalCheckFailedException' || name === 'PreconditionFailed';
}

const REJECTED_CREDENTIALS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
]);

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'Forbidden', 'KMS.AccessDeniedException']);

const WRONG_REGION = new Set([
  'PermanentRedirect',
  'AuthorizationHeaderMalformed',
  'IllegalLocationConstraintException',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

interface ErrorFacts {
  readonly name: string;
  readonly message: string;
  readonly code: string | undefined;
}

function facts(error: unknown): ErrorFacts {
  if (typeof error !== 'object' || error === null) return { name: 'Error', message: String(error), code: undefined };
  const record = error as { name?: unknown; message?: unknown; code?: unknown; Code?: unknown };
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    name: text(record.name) ?? 'Error',
    message: text(record.message) ?? '',
    code: text(record.code) ?? text(record.Code),
  };
}

/**
 * The Node network error code (ECONNREFUSED, ENOTFOUND, ...) behind a failed request, if that is
 * why it failed. Node reports a refused connection on a dual-stack host as an AggregateError; look inside.
 */
export function networkErrorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== 'object' || error === null) return undefined;
  const { code } = facts(error);
  if (code !== undefined && NETWORK_CODES.has(code)) return code;
  const nested = error as { cause?: unknown; errors?: unknown };
  const fromCause = networkErrorCode(nested.cause, depth + 1);
  if (fromCause !== undefined) return fromCause;
  if (Array.isArray(nested.errors)) {
    for (const inner of nested.errors) {
      const fromInner = networkErrorCode(inner, depth + 1);
      if (fromInner !== undefined) return fromInner;
    }
  }
  return undefined;
}

const BOOTSTRAP_HINT = 'run `npx cdktf deploy bootstrap` first';

/**
 * One line a person can act on, for the failures people actually hit: nothing bootstrapped yet,
 * no or stale credentials, no permission, emulator not running. Pure, so every branch is tested.
 */
export function describeAwsError(error: unknown, location: StateStoreLocation): string {
  const { name, message } = facts(error);
  const where =
    location.endpoint === undefined ? `region ${location.region}` : `region ${location.region} at ${location.endpoint}`;

  if (name === 'NoSuchBucket') return `state bucket "${location.bucket}" does not exist (${where}): ${BOOTSTRAP_HINT}`;
  if (isMissingTable(error)) return `lock table "${location.table}" does not exist (${where}): ${BOOTSTRAP_HINT}`;
  if (WRONG_REGION.has(name)) {
    return `state bucket "${location.bucket}" is not in ${location.region} (${name}): check stateRegion in config/project.ts`;
  }

  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return 'no AWS credentials found: set AWS_PROFILE (and run `aws sso login` if it uses SSO) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; for the local emulator set AWS_ENDPOINT_URL (e.g. http://127.0.0.1:5000)';
  }
  if (REJECTED_CREDENTIALS.has(name)) {
    return `AWS rejected the credentials (${name}): refresh them (e.g. \`aws sso login\`) or check AWS_PROFILE / AWS_ACCESS_KEY_ID`;
  }
  if (ACCESS_DENIED.has(name) && location.roleArn !== undefined) {
    return `access denied (${where}) assuming or using ${location.roleArn}: your credentials must be among the environment's stateAccessPrincipals (docs/multi-account.md)${message === '' ? '' : `; AWS said: ${message}`}`;
  }
  if (ACCESS_DENIED.has(name)) {
    return `access denied (${where}): the credentials need read and delete access to bucket "${location.bucket}" and table "${location.table}"${message === '' ? '' : `; AWS said: ${message}`}`;
  }

  const code = networkErrorCode(error);
  if (code !== undefined || name === 'TimeoutError') {
    const target = location.endpoint ?? `AWS in ${location.region}`;
    const hint =
      location.endpoint === undefined
        ? 'check the network connection'
        : 'is the emulator running? (or unset AWS_ENDPOINT_URL to use AWS)';
    return `cannot reach ${target} (${code ?? name}): ${hint}`;
  }

  return `AWS request failed (${where}): ${name}${message === '' ? '' : `: ${message}`}`;
}

/** An AWS failure as the one-line ToolError a tool prints, keeping the SDK's error as its cause. */
export function awsFailure(error: unknown, location: StateStoreLocation): ToolError {
  return new ToolError(describeAwsError(error, location), { cause: error });
}
