import type { StateStoreLocation } from '../aws/state-store-location';

/**
 * The only I/O the lock tool does, bound to one state bucket and one lock table. Commands take
 * this interface so their decisions can be tested against an in-memory store; AwsLockStore is
 * the real one. Keys and IDs are Terraform's own (see lock-targets.ts).
 */
export interface LockStore {
  /** The DynamoDB lock item; `undefined` when there is none. */
  readLockItem(lockItemId: string): Promise<StoredLockItem | undefined>;
  /**
   * Takes the lock the way Terraform does: writes the item `{LockID, Info}` only if no item with
   * that `LockID` exists (`attribute_not_exists(LockID)`). `held` when one does: nothing written.
   */
  takeLockItem(lockItemId: string, info: string): Promise<'taken' | 'held'>;
  /**
   * Deletes the lock item only if its `Info` is still `expectedInfo` (`undefined`: still has no
   * `Info`), so a lock that changed since it was read survives. `changed` when the condition failed.
   */
  deleteLockItem(lockItemId: string, expectedInfo: string | undefined): Promise<'deleted' | 'changed'>;

  /** The `.tflock` object; `undefined` when there is none (or its current version is a delete marker). */
  readLockfile(key: string): Promise<StoredLockfile | undefined>;
  /**
   * Takes the lock the way Terraform does: writes the `.tflock` object with `If-None-Match: *`, so
   * only if no current object exists. `held` when one does: nothing written.
   */
  takeLockfile(key: string, info: string): Promise<'taken' | 'held'>;
  /**
   * Plain delete of the current version, never by version ID: the bucket is versioned, and removing
   * a version would make an older lock current again. Conditional on `expectedEtag` where the
   * store supports it; `changed` when the object is no longer the one read.
   */
  deleteLockfile(key: string, expectedEtag: string | undefined): Promise<'deleted' | 'changed'>;

  /** The state object's bytes; `undefined` when there is none. */
  readStateObject(key: string): Promise<Uint8Array | undefined>;

  /** The `Digest` of the `-md5` item; `undefined` when there is no item or it has no digest. */
  readDigest(digestItemId: string): Promise<string | undefined>;
  /** Writes the digest only if it still is `expectedDigest` (`undefined`: still absent). */
  writeDigest(digestItemId: string, digest: string, expectedDigest: string | undefined): Promise<'written' | 'changed'>;

  /** Names for messages: where this store reads and writes. */
  readonly location: StateStoreLocation;
}

export interface StoredLockItem {
  /** Raw `Info` attribute; `undefined` if the item has none. */
  readonly info: string | undefined;
}

export interface StoredLockfile {
  readonly body: string;
  readonly etag: string | undefined;
}
