import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DeleteItemCommandInput, PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { AwsClients } from '../aws/clients';
import { awsFailure, isConditionFailed, isMissingObject } from '../aws/errors';
import type { StateStoreLocation } from '../aws/state-store-location';
import type { LockStore, StoredLockfile, StoredLockItem } from './lock-store';

/** LockStore over the AWS SDK v3 clients: the state bucket and lock table of one project. */
export class AwsLockStore implements LockStore {
  constructor(
    protected readonly clients: Pick<AwsClients, 's3' | 'dynamodb'>,
    readonly location: StateStoreLocation,
  ) {}

  /** Every AWS failure leaves as a one-line ToolError; expected outcomes are handled by the caller. */
  protected async call<T>(
    request: () => Promise<T>,
    expected?: (error: unknown) => { readonly value: T } | undefined,
  ): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const handled = expected?.(error);
      if (handled !== undefined) return handled.value;
      throw awsFailure(error, this.location);
    }
  }

  async readLockItem(lockItemId: string): Promise<StoredLockItem | undefined> {
    return this.call(async () => {
      // Consistent read, as Terraform does: a just-released lock must not show as held.
      const { Item } = await this.clients.dynamodb.send(
        new GetItemCommand({
          TableName: this.location.table,
          Key: { LockID: { S: lockItemId } },
          ConsistentRead: true,
        }),
      );
      return Item === undefined ? undefined : { info: Item.Info?.S };
    });
  }

  async takeLockItem(lockItemId: string, info: string): Promise<'taken' | 'held'> {
    return this.call(
      async () => {
        // Terraform's own lock write (internal/backend/remote-state/s3/client.go): the item, only if absent.
        await this.clients.dynamodb.send(
          new PutItemCommand({
            TableName: this.location.table,
            Item: { LockID: { S: lockItemId }, Info: { S: info } },
            ConditionExpression: 'attribute_not_exists(LockID)',
          }),
        );
        return 'taken' as const;
      },
      (error) => (isConditionFailed(error) ? { value: 'held' as const } : undefined),
    );
  }

  async deleteLockItem(lockItemId: string, expectedInfo: string | undefined): Promise<'deleted' | 'changed'> {
    const condition: Pick<
      DeleteItemCommandInput,
      'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    > =
      expectedInfo === undefined
        ? {
            ConditionExpression: 'attribute_exists(LockID) AND attribute_not_exists(#info)',
            ExpressionAttributeNames: { '#info': 'Info' },
          }
        : {
            ConditionExpression: '#info = :info',
            ExpressionAttributeNames: { '#info': 'Info' },
            ExpressionAttributeValues: { ':info': { S: expectedInfo } },
          };
    return this.call(
      async () => {
        await this.clients.dynamodb.send(
          new DeleteItemCommand({ TableName: this.location.table, Key: { LockID: { S: lockItemId } }, ...condition }),
        );
        return 'deleted' as const;
      },
      (error) => (isConditionFailed(error) ? { value: 'changed' as const } : undefined),
    );
  }

  async readLockfile(key: string): Promise<StoredLockfile | undefined> {
    return this.call(
      async () => {
        const { Body, ETag } = await this.clients.s3.send(
          new GetObjectCommand({ Bucket: this.location.bucket, Key: key }),
        );
        return { body: Body === undefined ? '' : await Body.transformToString('utf-8'), etag: ETag };
      },
      (error) => (isMissingObject(error) ? { value: undefined } : undefined),
    );
  }

  async takeLockfile(key: string, info: string): Promise<'taken' | 'held'> {
    return this.call(
      async () => {
        // As Terraform writes it: a JSON body, only if no current object (If-None-Match: *).
        await this.clients.s3.send(
          new PutObjectCommand({
            Bucket: this.location.bucket,
            Key: key,
            Body: info,
            ContentType: 'application/json',
            IfNoneMatch: '*',
          }),
        );
        return 'taken' as const;
      },
      (error) => (isConditionFailed(error) ? { value: 'held' as const } : undefined),
    );
  }

  async deleteLockfile(key: string, expectedEtag: string | undefined): Promise<'deleted' | 'changed'> {
    return this.call(
      async () => {
        // No VersionId: a delete marker hides the lock, and older lock versions stay non-current.
        // If-Match makes the delete fail (412) if another lock replaced the one that was read.
        await this.clients.s3.send(
          new DeleteObjectCommand({
            Bucket: this.location.bucket,
            Key: key,
            ...(expectedEtag !== undefined && { IfMatch: expectedEtag }),
          }),
        );
        return 'deleted' as const;
      },
      (error) => (isConditionFailed(error) || isMissingObject(error) ? { value: 'changed' as const } : undefined),
    );
  }

  async readStateObject(key: string): Promise<Uint8Array | undefined> {
    return this.call(
      async () => {
        const { Body } = await this.clients.s3.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: key }));
        return Body === undefined ? new Uint8Array() : await Body.transformToByteArray();
      },
      (error) => (isMissingObject(error) ? { value: undefined } : undefined),
    );
  }

  async readDigest(digestItemId: string): Promise<string | undefined> {
    return this.call(async () => {
      const { Item } = await this.clients.dynamodb.send(
        new GetItemCommand({
          TableName: this.location.table,
          Key: { LockID: { S: digestItemId } },
          ConsistentRead: true,
        }),
      );
      const digest = Item?.Digest?.S;
      // Terraform skips the check when the digest is empty; so do we.
      return digest === undefined || digest === '' ? undefined : digest;
    });
  }

  async writeDigest(
    digestItemId: string,
    digest: string,
    expectedDigest: string | undefined,
  ): Promise<'written' | 'changed'> {
    const condition: Pick<PutItemCommandInput, 'ConditionExpression' | 'ExpressionAttributeValues'> =
      expectedDigest === undefined
        ? {
            ConditionExpression: 'attribute_not_exists(#digest) OR #digest = :empty',
            ExpressionAttributeValues: { ':empty': { S: '' } },
          }
        : {
            ConditionExpression: '#digest = :expected',
            ExpressionAttributeValues: { ':expected': { S: expectedDigest } },
          };
    return this.call(
      async () => {
        // The same item shape Terraform writes: LockID and Digest only.
        await this.clients.dynamodb.send(
          new PutItemCommand({
            TableName: this.location.table,
            Item: { LockID: { S: digestItemId }, Digest: { S: digest } },
            ExpressionAttributeNames: { '#digest': 'Digest' },
            ...condition,
          }),
        );
        return 'written' as const;
      },
      (error) => (isConditionFailed(error) ? { value: 'changed' as const } : undefined),
    );
  }
}
