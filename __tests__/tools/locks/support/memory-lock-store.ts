import { createHash } from 'node:crypto';
import type { StateStoreLocation } from '../../../../tools/aws/state-store-location';
import type { LockStore, StoredLockfile, StoredLockItem } from '../../../../tools/locks/lock-store';

export const MEMORY_LOCATION: StateStoreLocation = {
  bucket: 'acme-tfstate-111122223333-eu-west-1',
  table: 'acme-tfstate-lock',
  region: 'eu-west-1',
};

export type Operation = keyof Omit<LockStore, 'location'>;

interface StoredObject {
  readonly body: Uint8Array;
  readonly etag: string;
}

/**
 * A LockStore with the semantics that matter to the tool: a table of items keyed by LockID, a
 * bucket of objects, conditional deletes and writes. Every call is logged, and a hook can run
 * just before an operation to play a concurrent Terraform run.
 */
export class MemoryLockStore implements LockStore {
  readonly location = MEMORY_LOCATION;
  /** LockID -> attributes (`Info` for locks, `Digest` for digests). */
  readonly items = new Map<string, Record<string, string>>();
  readonly objects = new Map<string, StoredObject>();
  readonly calls: string[] = [];
  private readonly hooks = new Map<string, () => void>();
  private failure: Error | undefined;

  /** Runs `hook` once, right before the next call of `operation` does its work. */
  before(operation: Operation | (string & {}), hook: () => void): this {
    this.hooks.set(operation, hook);
    return this;
  }

  /** Every call fails with `error` from now on (an unreachable endpoint, a missing table...). */
  failWith(error: Error): this {
    this.failure = error;
    return this;
  }

  putLockItem(lockItemId: string, info: string | undefined): this {
    this.items.set(lockItemId, info === undefined ? {} : { Info: info });
    return this;
  }

  putDigestItem(digestItemId: string, digest: string): this {
    this.items.set(digestItemId, { Digest: digest });
    return this;
  }

  putObject(key: string, body: string | Uint8Array): this {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    this.objects.set(key, { body: bytes, etag: `"${createHash('md5').update(bytes).digest('hex')}"` });
    return this;
  }

  objectText(key: string): string | undefined {
    const object = this.objects.get(key);
    return object === undefined ? undefined : new TextDecoder().decode(object.body);
  }

  protected enter(operation: string, argument: string): void {
    this.calls.push(`${operation} ${argument}`);
    if (this.failure !== undefined) throw this.failure;
    const hook = this.hooks.get(operation);
    if (hook !== undefined) {
      this.hooks.delete(operation);
      hook();
    }
  }

  async readLockItem(lockItemId: string): Promise<StoredLockItem | undefined> {
    this.enter('readLockItem', lockItemId);
    const item = this.items.get(lockItemId);
    return item === undefined ? undefined : { info: item.Info };
  }

  async takeLockItem(lockItemId: string, info: string): Promise<'taken' | 'held'> {
    this.enter('takeLockItem', lockItemId);
    if (this.items.has(lockItemId)) return 'held';
    this.items.set(lockItemId, { Info: info });
    return 'taken';
  }

  async deleteLockItem(lockItemId: string, expectedInfo: string | undefined): Promise<'deleted' | 'changed'> {
    this.enter('deleteLockItem', lockItemId);
    const item = this.items.get(lockItemId);
    if (item === undefined || item.Info !== expectedInfo) return 'changed';
    this.items.delete(lockItemId);
    return 'deleted';
  }

  async readLockfile(key: string): Promise<StoredLockfile | undefined> {
    this.enter('readLockfile', key);
    const object = this.objects.get(key);
    return object === undefined ? undefined : { body: new TextDecoder().decode(object.body), etag: object.etag };
  }

  async takeLockfile(key: string, info: string): Promise<'taken' | 'held'> {
    this.enter('takeLockfile', key);
    if (this.objects.has(key)) return 'held';
    this.putObject(key, info);
    return 'taken';
  }

  async deleteLockfile(key: string, expectedEtag: string | undefined): Promise<'deleted' | 'changed'> {
    this.enter('deleteLockfile', key);
    const object = this.objects.get(key);
    if (object === undefined || (expectedEtag !== undefined && object.etag !== expectedEtag)) return 'changed';
    this.objects.delete(key);
    return 'deleted';
  }

  async readStateObject(key: string): Promise<Uint8Array | undefined> {
    this.enter('readStateObject', key);
    return this.objects.get(key)?.body;
  }

  async readDigest(digestItemId: string): Promise<string | undefined> {
    this.enter('readDigest', digestItemId);
    const digest = this.items.get(digestItemId)?.Digest;
    return digest === undefined || digest === '' ? undefined : digest;
  }

  async writeDigest(
    digestItemId: string,
    digest: string,
    expectedDigest: string | undefined,
  ): Promise<'written' | 'changed'> {
    this.enter('writeDigest', digestItemId);
    const current = this.items.get(digestItemId)?.Digest;
    if ((current === '' ? undefined : current) !== expectedDigest) return 'changed';
    this.items.set(digestItemId, { Digest: digest });
    return 'written';
  }
}
