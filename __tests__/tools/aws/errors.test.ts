import {
  awsErrorName,
  awsFailure,
  describeAwsError,
  isConditionFailed,
  isMissingObject,
  isMissingTable,
} from '../../../tools/aws/errors';
import type { StateStoreLocation } from '../../../tools/aws/state-store-location';
import { ToolError } from '../../../tools/cli/errors';

test('awsErrorName reads the name the SDK sets, and nothing from non-objects', () => {
  const conditional = Object.assign(new Error('The conditional request failed'), {
    name: 'ConditionalCheckFailedException',
  });
  expect(awsErrorName(conditional)).toBe('ConditionalCheckFailedException');
  expect(awsErrorName({ name: 'NoSuchKey' })).toBe('NoSuchKey');
  expect(awsErrorName('NoSuchKey')).toBeUndefined();
  expect(awsErrorName(null)).toBeUndefined();
  expect(awsErrorName({ name: 42 })).toBeUndefined();
});

test('isMissingObject: NoSuchKey (GetObject) and NotFound (HeadObject), nothing else', () => {
  expect(isMissingObject({ name: 'NoSuchKey' })).toBe(true);
  expect(isMissingObject({ name: 'NotFound' })).toBe(true);
  expect(isMissingObject({ name: 'NoSuchBucket' })).toBe(false);
  expect(isMissingObject(new Error('boom'))).toBe(false);
});

test('isMissingTable: DynamoDB ResourceNotFoundException', () => {
  expect(isMissingTable({ name: 'ResourceNotFoundException' })).toBe(true);
  expect(isMissingTable({ name: 'NoSuchBucket' })).toBe(false);
});

test('isConditionFailed: a DynamoDB condition expression or an S3 If-Match that no longer held', () => {
  expect(isConditionFailed({ name: 'ConditionalCheckFailedException' })).toBe(true);
  expect(isConditionFailed({ name: 'PreconditionFailed' })).toBe(true);
  expect(isConditionFailed({ name: 'NoSuchKey' })).toBe(false);
});

const AWS: StateStoreLocation = { bucket: 'acme-state', table: 'acme-lock', region: 'eu-west-1' };
const EMULATOR: StateStoreLocation = { ...AWS, endpoint: 'http://127.0.0.1:5000' };

function awsError(name: string, message = '', extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, ...extra });
}

describe('describeAwsError', () => {
  test('a missing bucket or table points to the bootstrap', () => {
    expect(describeAwsError(awsError('NoSuchBucket', 'The specified bucket does not exist'), AWS)).toBe(
      'state bucket "acme-state" does not exist (region eu-west-1): run `npx cdktf deploy bootstrap` first',
    );
    expect(describeAwsError(awsError('ResourceNotFoundException', 'Requested resource not found'), EMULATOR)).toBe(
      'lock table "acme-lock" does not exist (region eu-west-1 at http://127.0.0.1:5000): run `npx cdktf deploy bootstrap` first',
    );
  });

  test('no credentials says how to provide them, and about the emulator', () => {
    const message = describeAwsError(
      awsError('CredentialsProviderError', 'Could not load credentials from any providers'),
      AWS,
    );
    expect(message).toMatch(/^no AWS credentials found: /);
    expect(message).toContain('AWS_PROFILE');
    expect(message).toContain('AWS_ACCESS_KEY_ID');
    expect(message).toContain('AWS_ENDPOINT_URL');
  });

  test('rejected credentials and denied access are told apart', () => {
    expect(describeAwsError(awsError('ExpiredTokenException', 'expired'), AWS)).toMatch(
      /^AWS rejected the credentials \(ExpiredTokenException\)/,
    );
    expect(describeAwsError(awsError('AccessDenied', 'not allowed: s3:GetObject'), AWS)).toBe(
      'access denied (region eu-west-1): the credentials need read and delete access to bucket "acme-state" and table "acme-lock"; AWS said: not allowed: s3:GetObject',
    );
  });

  test('an unreachable emulator is named, with the hint to start it', () => {
    expect(
      describeAwsError(awsError('Error', 'connect ECONNREFUSED 127.0.0.1:5000', { code: 'ECONNREFUSED' }), EMULATOR),
    ).toBe(
      'cannot reach http://127.0.0.1:5000 (ECONNREFUSED): is the emulator running? (or unset AWS_ENDPOINT_URL to use AWS)',
    );
  });

  test('finds the network code inside an AggregateError or a cause', () => {
    const aggregate = new AggregateError(
      [awsError('Error', 'refused', { code: 'ECONNREFUSED' })],
      'all attempts failed',
    );
    expect(describeAwsError(aggregate, EMULATOR)).toContain('(ECONNREFUSED)');
    const wrapped = new Error('request failed', { cause: awsError('Error', 'getaddrinfo', { code: 'ENOTFOUND' }) });
    expect(describeAwsError(wrapped, AWS)).toBe(
      'cannot reach AWS in eu-west-1 (ENOTFOUND): check the network connection',
    );
    expect(describeAwsError(awsError('TimeoutError', 'socket hang up'), AWS)).toContain(
      'cannot reach AWS in eu-west-1 (TimeoutError)',
    );
  });

  test('a bucket in another region points at stateRegion', () => {
    expect(describeAwsError(awsError('PermanentRedirect'), AWS)).toContain('check stateRegion in config/project.ts');
  });

  test('anything else keeps the AWS name and message on one line', () => {
    expect(describeAwsError(awsError('ThrottlingException', 'slow down'), AWS)).toBe(
      'AWS request failed (region eu-west-1): ThrottlingException: slow down',
    );
    expect(describeAwsError('a string', AWS)).toBe('AWS request failed (region eu-west-1): Error: a string');
    expect(describeAwsError(undefined, AWS)).toBe('AWS request failed (region eu-west-1): Error: undefined');
  });
});

test('awsFailure is a ToolError that keeps the original as its cause', () => {
  const original = awsError('NoSuchBucket');
  const failure = awsFailure(original, AWS);
  expect(failure).toBeInstanceOf(ToolError);
  expect(failure.cause).toBe(original);
  expect(failure.message).not.toContain('\n');
});
