import type { StateStoreLocation } from '../aws/state-store-location';
import type { LockStore, StoredLockfile, StoredLockItem } from './lock-store';

/** The keys and IDs of one environment's state, and the store that reaches them. */
export interface EnvironmentRoute<S extends LockStore = LockStore> {
  readonly keys: readonly string[];
  readonly store: S;
}

/**
 * One LockStore over several: each environment's keys and IDs go to the store that reaches that
 * environment's state (through its state role, for an environment in another account), anything
 * else to the default one. Same bucket and table for all: only the credentials differ.
 */
export class PerEnvironmentLockStore<S extends LockStore = LockStore> implements LockStore {
  private readonly routes = new Map<string, S>();

  constructor(
    private readonly fallback: S,
    routes: readonly EnvironmentRoute<S>[],
  ) {
    for (const route of routes) for (const key of route.keys) this.routes.set(key, route.store);
  }

  get location(): StateStoreLocation {
    return this.fallback.location;
  }

  protected storeFor(key: string): S {
    return this.routes.get(key) ?? this.fallback;
  }

  readLockItem(lockItemId: string): Promise<StoredLockItem | undefined> {
    return this.storeFor(lockItemId).readLockItem(lockItemId);
  }

  takeLockItem(lockItemId: string, info: string): Promise<'taken' | 'held'> {
    return this.storeFor(lockItemId).takeLockItem(lockItemId, info);
  }

  takeLockfile(key: string, info: string): Promise<'taken' | 'held'> {
    return this.storeFor(key).takeLockfile(key, info);
  }

  deleteLockItem(lockItemId: string, expectedInfo: string | undefined): Promise<'deleted' | 'changed'> {
    return this.storeFor(lockItemId).deleteLockItem(lockItemId, expectedInfo);
  }

  readLockfile(key: string): Promise<StoredLockfile | undefined> {
    return this.storeFor(key).readLockfile(key);
  }

  deleteLockfile(key: string, expectedEtag: string | undefined): Promise<'deleted' | 'changed'> {
    return this.storeFor(key).deleteLockfile(key, expectedEtag);
  }

  readStateObject(key: string): Promise<Uint8Array | undefined> {
    return this.storeFor(key).readStateObject(key);
  }

  readDigest(digestItemId: string): Promise<string | undefined> {
    return this.storeFor(digestItemId).readDigest(digestItemId);
  }

  writeDigest(
    digestItemId: string,
    digest: string,
    expectedDigest: string | undefined,
  ): Promise<'written' | 'changed'> {
    return this.storeFor(digestItemId).writeDigest(digestItemId, digest, expectedDigest);
  }
}
