import { errorLines, hintFor } from '../../../tools/demo/hints';

// Verbatim output of cdktf 0.21 / Terraform 1.11.4 / aws 5.100.0 against moto (see __tests__/e2e/bad-input.test.ts).
const ENVIRONMENT_BEFORE_BOOTSTRAP = `dev  Initializing the backend...
dev  Error: Failed to get existing workspaces: S3 bucket "acme-tfstate-123456789012-us-east-1" does not exist.

     The referenced S3 bucket must have been previously created. If the S3 bucket
     was created within the last minute, please wait for a minute or two and try
     again.

     Error: operation error S3: ListObjectsV2, https response error StatusCode: 404, RequestID: YT1A, HostID: 9Gjj=, NoSuchBucket:


0 Stacks deploying     0 Stacks done     1 Stack waiting
Error: terraform init failed with exit code 1`;

const BUCKET_TAKEN = `bootstrap  aws_s3_bucket.state-bucket_storage_bucket_BAF9D7BE (state-bucket/storage/bucket): Creating...
bootstrap  Error: creating S3 Bucket (acme-tfstate-123456789012-us-east-1): BucketAlreadyExists
bootstrap  with aws_s3_bucket.state-bucket_storage_bucket_BAF9D7BE (state-bucket/storage/bucket),
             on cdk.tf.json line 129, in resource.aws_s3_bucket.state-bucket_storage_bucket_BAF9D7BE (state-bucket/storage/bucket):
            129:       }


0 Stacks deploying     1 Stack done     0 Stacks waiting
Invoking Terraform CLI failed with exit code 1`;

const UNREACHABLE = `bootstrap  Error: creating S3 Bucket (acme-tfstate-123456789012-us-east-1): operation error S3: CreateBucket, exceeded maximum number of attempts, 2, https response error StatusCode: 0, RequestID: , HostID: , request send failed, Put "http://127.0.0.1:37887/acme-tfstate-123456789012-us-east-1": dial tcp 127.0.0.1:37887: connect: connection refused
Invoking Terraform CLI failed with exit code 1`;

const TABLE_MISSING = `dev  Error: Error acquiring the state lock

     Error message: operation error DynamoDB: PutItem, https response error
     StatusCode: 400, RequestID:
     BtnonFsLR7XmMwSrXL96QYVOWuBvxVxbx4jgc3ApYJr3SOPKbhdw,
     ResourceNotFoundException: Requested resource not found
     Unable to retrieve item from DynamoDB table "acme-tfstate-lock": operation
     error DynamoDB: GetItem, https response error StatusCode: 400, RequestID:
     X5XBxl7xTLc2KYYXm5Gi23KzTyIs9adTgauF5v4IuVOCczUOLkFY,
     ResourceNotFoundException: Requested resource not found`;

describe('hintFor', () => {
  test('an environment before the bootstrap: deploy the bootstrap first', () => {
    expect(hintFor(ENVIRONMENT_BEFORE_BOOTSTRAP)).toEqual({
      problem: 'the state bucket acme-tfstate-123456789012-us-east-1 does not exist',
      advice: expect.stringContaining('Deploy it first: npx cdktf deploy bootstrap'),
    });
  });

  test('a taken bucket name: choose another in config/project.ts', () => {
    expect(hintFor(BUCKET_TAKEN)).toEqual({
      problem: 'the state bucket name acme-tfstate-123456789012-us-east-1 is taken',
      advice: expect.stringContaining('Set stateBucketName in config/project.ts to a free name'),
    });
  });

  test('a taken bucket name, as AWS reports it outside us-east-1', () => {
    const aws =
      'Error: creating S3 Bucket (acme-state): operation error S3: CreateBucket, https response error StatusCode: 409, RequestID: X, HostID: Y, BucketAlreadyOwnedByYou: ';
    expect(hintFor(aws)?.problem).toBe('the state bucket name acme-state is taken');
  });

  test('an unreachable emulator: start it, or unset AWS_ENDPOINT_URL', () => {
    expect(hintFor(UNREACHABLE)).toEqual({
      problem: 'nothing answers at 127.0.0.1:37887',
      advice: expect.stringContaining('AWS_ENDPOINT_URL points at an emulator that is not running'),
    });
  });

  test('a missing lock table is not mistaken for a held lock', () => {
    expect(hintFor(TABLE_MISSING)).toEqual({
      problem: 'the lock table acme-tfstate-lock does not exist',
      advice: expect.stringContaining('npx cdktf deploy bootstrap'),
    });
  });

  test('a held lock points at the lock tool', () => {
    expect(
      hintFor(
        'Error: Error acquiring the state lock\n\nConditionalCheckFailedException: The conditional request failed',
      )?.advice,
    ).toContain('npm run locks -- list');
  });

  test('an invalid configuration', () => {
    expect(
      hintFor('Invalid configuration in config/project.ts; nothing was synthesized:\n  - project = "A": ...')?.problem,
    ).toBe('invalid configuration in config/project.ts');
  });

  test('anything else: no guess', () => {
    expect(hintFor('Error: something new')).toBeUndefined();
  });
});

describe('errorLines', () => {
  test("keeps Terraform's Error lines without the stack prefix, not cdktf's closing line", () => {
    expect(errorLines(ENVIRONMENT_BEFORE_BOOTSTRAP)).toEqual([
      'Error: Failed to get existing workspaces: S3 bucket "acme-tfstate-123456789012-us-east-1" does not exist.',
      'Error: operation error S3: ListObjectsV2, https response error StatusCode: 404, RequestID: YT1A, HostID: 9Gjj=, NoSuchBucket:',
    ]);
    expect(errorLines(BUCKET_TAKEN)).toEqual([
      'Error: creating S3 Bucket (acme-tfstate-123456789012-us-east-1): BucketAlreadyExists',
    ]);
  });

  test('at most `limit` lines, each once', () => {
    expect(errorLines('Error: a\nError: a\nError: b\nError: c', 2)).toEqual(['Error: a', 'Error: b']);
  });
});
