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
