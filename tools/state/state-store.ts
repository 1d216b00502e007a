import type { StateStoreLocation } from '../aws/state-store-location';
import type { LockStore } from '../locks/lock-store';

/** One entry in the history of a state object: a version, or a delete marker. */
export interface StateVersion {
  readonly versionId: string;
  /** The current version (or the current delete marker: the state is deleted). */
  readonly latest: boolean;
  readonly deleteMarker: boolean;
  readonly lastModified: Date | undefined;
  /** Bytes; `undefined` for a delete marker. */
  readonly size: number | undefined;
  /** The ETag a conditional write compares (`undefined` for a delete marker). */
  readonly etag: string | undefined;
}

/** Where versions of state objects can be read from: the state bucket, or its replica. */
export interface StateVersionSource {
  /** Every version and delete marker of exactly `key`, newest first. */
  listStateVersions(key: string): Promise<StateVersion[]>;
  /** One version's bytes; `undefined` when it is gone (expired or deleted since it was listed). */
  readStateVersion(key: string, versionId: string): Promise<Uint8Array | undefined>;
  readonly location: StateStoreLocation;
}

/** How a state object is written: encrypted as the backend writes it, and only over what was read. */
export interface StateWrite {
  /** The backend's `kms_key_id`: SSE-KMS with this key, as Terraform writes the state. */
  readonly kmsKeyId: string;
  /** ETag of the current object as read (`If-Match`); `undefined`: no current object may exist (`If-None-Match: *`). */
  readonly expectedEtag: string | undefined;
}

export type StateWriteResult =
  | { readonly outcome: 'written'; readonly versionId: string | undefined }
  /** The current object is no longer the one read: nothing was written. */
  | { readonly outcome: 'changed' };

/**
 * The state tool's I/O: the lock tool's store (locks, digests) and the versions of state objects.
 * Never deletes a version: a write always adds a new current version.
 */
export interface StateStore extends LockStore, StateVersionSource {
  writeStateObject(key: string, body: Uint8Array, write: StateWrite): Promise<StateWriteResult>;
}
