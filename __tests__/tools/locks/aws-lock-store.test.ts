import { DeleteItemCommand, GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { AwsLockStore } from '../../../tools/locks/aws-lock-store';
import { ToolError } from '../../../tools/cli/errors';
import type { StateStoreLocation } from '../../../tools/aws/state-store-location';

const LOCATION: StateStoreLocation = { bucket: 'acme-state', table: 'acme-lock', region: 'eu-west-1' };

interface SentCommand {
  readonly input: unknown;
}

/** Clients whose `send` records each command and answers with `respond` (no network). */
function storeAnswering(respond: (command: SentCommand) => unknown) {
  const sent: SentCommand[] = [];
  const send = async (command: SentCommand): Promise<unknown> => {
    sent.push(command);
    const answer = respond(command);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const store = new AwsLockStore(
    { s3: { send } as unknown as S3Client, dynamodb: { send } as unknown as DynamoDBClient },
    LOCATION,
  );
  return { store, sent };
}

function awsError(name: string): Error {
  return Object.assign(new Error(name), { name });
}

function body(text: string) {
  return { transformToString: async () => text, transformToByteArray: async () => new TextEncoder().encode(text) };
}

describe('lock item', () => {
  test('reads consistently and returns the raw Info', async () => {
    const { store, sent } = storeAnswering(() => ({ Item: { LockID: { S: 'b/k' }, Info: { S: '{"ID":"x"}' } } }));
    expect(await store.readLockItem('b/k')).toEqual({ info: '{"ID":"x"}' });
    expect(sent[0]).toBeInstanceOf(GetItemCommand);
    expect(sent[0]?.input).toEqual({ TableName: 'acme-lock', Key: { LockID: { S: 'b/k' } }, ConsistentRead: true });
  });

  test('no item is undefined; an item without Info is a lock without info', async () => {
    expect(await storeAnswering(() => ({})).store.readLockItem('b/k')).toBeUndefined();
    expect(await storeAnswering(() => ({ Item: { LockID: { S: 'b/k' } } })).store.readLockItem('b/k')).toEqual({
      info: undefined,
    });
  });

  test('deletes on the condition that Info is still what was read', async () => {
    const { store, sent } = storeAnswering(() => ({}));
    expect(await store.deleteLockItem('b/k', '{"ID":"x"}')).toBe('deleted');
    expect(sent[0]).toBeInstanceOf(DeleteItemCommand);
    expect(sent[0]?.input).toEqual({
      TableName: 'acme-lock',
      Key: { LockID: { S: 'b/k' } },
      ConditionExpression: '#info = :info',
      ExpressionAttributeNames: { '#info': 'Info' },
      ExpressionAttributeValues: { ':info': { S: '{"ID":"x"}' } },
    });
  });

  test('an item read without Info is deleted only if it still has none', async () => {
    const { store, sent } = storeAnswering(() => ({}));
    await store.deleteLockItem('b/k', undefined);
    expect(sent[0]?.input).toMatchObject({
      ConditionExpression: 'attribute_exists(LockID) AND attribute_not_exists(#info)',
    });
  });

  test('a failed condition is "changed", not an error', async () => {
    const { store } = storeAnswering(() => awsError('ConditionalCheckFailedException'));
    expect(await store.deleteLockItem('b/k', 'x')).toBe('changed');
  });

  test('a missing table becomes a one-line ToolError', async () => {
    const { store } = storeAnswering(() => awsError('ResourceNotFoundException'));
    await expect(store.readLockItem('b/k')).rejects.toThrow(ToolError);
    await expect(store.readLockItem('b/k')).rejects.toThrow(
      'lock table "acme-lock" does not exist (region eu-west-1): run `npx cdktf deploy bootstrap` first',
    );
  });
});

describe('lockfile', () => {
  test('reads body and etag', async () => {
    const { store, sent } = storeAnswering(() => ({ Body: body('{"ID":"x"}'), ETag: '"abc"' }));
    expect(await store.readLockfile('dev/terraform.tfstate.tflock')).toEqual({ body: '{"ID":"x"}', etag: '"abc"' });
    expect(sent[0]).toBeInstanceOf(GetObjectCommand);
    expect(sent[0]?.input).toEqual({ Bucket: 'acme-state', Key: 'dev/terraform.tfstate.tflock' });
  });

  test('no object (or a delete marker) is undefined', async () => {
    expect(await storeAnswering(() => awsError('NoSuchKey')).store.readLockfile('k.tflock')).toBeUndefined();
  });

  test('deletes the current version only: no VersionId, conditional on the etag read', async () => {
    const { store, sent } = storeAnswering(() => ({}));
    expect(await store.deleteLockfile('k.tflock', '"abc"')).toBe('deleted');
    expect(sent[0]).toBeInstanceOf(DeleteObjectCommand);
    expect(sent[0]?.input).toEqual({ Bucket: 'acme-state', Key: 'k.tflock', IfMatch: '"abc"' });
    expect(sent[0]?.input).not.toHaveProperty('VersionId');
  });

  test('a replaced or vanished lockfile is "changed"', async () => {
    expect(await storeAnswering(() => awsError('PreconditionFailed')).store.deleteLockfile('k.tflock', '"abc"')).toBe(
      'changed',
    );
    expect(await storeAnswering(() => awsError('NoSuchKey')).store.deleteLockfile('k.tflock', '"abc"')).toBe('changed');
  });

  test('a missing bucket becomes a one-line ToolError', async () => {
    await expect(storeAnswering(() => awsError('NoSuchBucket')).store.readLockfile('k.tflock')).rejects.toThrow(
      'state bucket "acme-state" does not exist (region eu-west-1): run `npx cdktf deploy bootstrap` first',
    );
  });
});

describe('state and digest', () => {
  test('reads the state bytes; a missing state is undefined', async () => {
    const bytes = await storeAnswering(() => ({ Body: body('{}') })).store.readStateObject('dev/terraform.tfstate');
    expect(new TextDecoder().decode(bytes)).toBe('{}');
    expect(await storeAnswering(() => awsError('NoSuchKey')).store.readStateObject('k')).toBeUndefined();
  });

  test('reads the Digest attribute; empty reads as none, as Terraform treats it', async () => {
    expect(await storeAnswering(() => ({ Item: { Digest: { S: 'abc' } } })).store.readDigest('b/k-md5')).toBe('abc');
    expect(await storeAnswering(() => ({ Item: { Digest: { S: '' } } })).store.readDigest('b/k-md5')).toBeUndefined();
    expect(await storeAnswering(() => ({})).store.readDigest('b/k-md5')).toBeUndefined();
  });

  test('writes the item Terraform writes, conditional on the digest that was read', async () => {
    const { store, sent } = storeAnswering(() => ({}));
    expect(await store.writeDigest('b/k-md5', 'new', 'old')).toBe('written');
    expect(sent[0]).toBeInstanceOf(PutItemCommand);
    expect(sent[0]?.input).toEqual({
      TableName: 'acme-lock',
      Item: { LockID: { S: 'b/k-md5' }, Digest: { S: 'new' } },
      ConditionExpression: '#digest = :expected',
      ExpressionAttributeNames: { '#digest': 'Digest' },
      ExpressionAttributeValues: { ':expected': { S: 'old' } },
    });
  });

  test('a digest changed meanwhile is "changed"', async () => {
    expect(
      await storeAnswering(() => awsError('ConditionalCheckFailedException')).store.writeDigest(
        'b/k-md5',
        'new',
        'old',
      ),
    ).toBe('changed');
  });
});

describe('taking a lock as Terraform takes it', () => {
  test('the lock item is written only if absent', async () => {
    const { store, sent } = storeAnswering(() => ({}));
    expect(await store.takeLockItem('b/k', '{"ID":"x"}')).toBe('taken');
    expect(sent[0]).toBeInstanceOf(PutItemCommand);
    expect(sent[0]?.input).toEqual({
      TableName: 'acme-lock',
      Item: { LockID: { S: 'b/k' }, Info: { S: '{"ID":"x"}' } },
      ConditionExpression: 'attribute_not_exists(LockID)',
    });
  });

  test('a lock item held by someone else is "held", not an error', async () => {
    const { store } = storeAnswering(() => awsError('ConditionalCheckFailedException'));
    expect(await store.takeLockItem('b/k', '{"ID":"x"}')).toBe('held');
  });

  test('the .tflock object is written with If-None-Match: *', async () => {
    const { store, sent } = storeAnswering(() => ({}));
    expect(await store.takeLockfile('k.tflock', '{"ID":"x"}')).toBe('taken');
    expect(sent[0]?.input).toEqual({
      Bucket: 'acme-state',
      Key: 'k.tflock',
      Body: '{"ID":"x"}',
      ContentType: 'application/json',
      IfNoneMatch: '*',
    });
  });

  test('a .tflock object that exists is "held"; other failures are one-line errors', async () => {
    expect(await storeAnswering(() => awsError('PreconditionFailed')).store.takeLockfile('k.tflock', '{}')).toBe(
      'held',
    );
    await expect(storeAnswering(() => awsError('AccessDenied')).store.takeLockfile('k.tflock', '{}')).rejects.toThrow(
      ToolError,
    );
  });
});
