import { PerEnvironmentLockStore } from '../locks/per-environment-store';
import type { StateStore, StateVersion, StateWrite, StateWriteResult } from './state-store';

/**
 * The state store of a project with environments in other accounts: each environment's keys go
 * through the store of its state role, like its locks (tools/locks/per-environment-store.ts).
 */
export class PerEnvironmentStateStore extends PerEnvironmentLockStore<StateStore> implements StateStore {
  listStateVersions(key: string): Promise<StateVersion[]> {
    return this.storeFor(key).listStateVersions(key);
  }

  readStateVersion(key: string, versionId: string): Promise<Uint8Array | undefined> {
    return this.storeFor(key).readStateVersion(key, versionId);
  }

  writeStateObject(key: string, body: Uint8Array, write: StateWrite): Promise<StateWriteResult> {
    return this.storeFor(key).writeStateObject(key, body, write);
  }
}
