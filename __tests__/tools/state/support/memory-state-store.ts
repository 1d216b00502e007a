import { createHash } from 'node:crypto';
import type { StateStoreLocation } from '../../../../tools/aws/state-store-location';
import type {
  StateStore,
  StateVersion,
  StateVersionSource,
  StateWrite,
  StateWriteResult,
} from '../../../../tools/state/state-store';
import { MemoryLockStore, MEMORY_LOCATION } from '../../locks/support/memory-lock-store';

interface StoredVersion {
  readonly versionId: string;
  /** `undefined`: a delete marker. */
  readonly body: Uint8Array | undefined;
  readonly lastModified: Date;
  readonly etag: string | undefined;
  /** How it was written (for assertions): the SSE key, the condition. */
  readonly write?: StateWrite;
}

const EPOCH = new Date('2025-05-01T00:00:00.000Z').getTime();

/**
 * A versioned bucket of state objects, as S3 keeps them: every write a new current version, every
 * delete a delete marker, nothing overwritten. The versions of one key in the order written.
 */
export class MemoryVersions {
  readonly versions = new Map<string, StoredVersion[]>();
  private counter = 0;

  private next(): { versionId: string; lastModified: Date } {
    this.counter++;
    return {
      versionId: `v${String(this.counter).padStart(3, '0')}`,
      lastModified: new Date(EPOCH + this.counter * 60_000),
    };
  }

  /** Adds a version (as Terraform's write would); returns its ID. */
  put(key: string, body: string | Uint8Array, write?: StateWrite): string {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const { versionId, lastModified } = this.next();
    const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
    this.list(key).push({ versionId, body: bytes, lastModified, etag, ...(write && { write }) });
    return versionId;
  }

  /** A plain delete of a versioned object: a delete marker becomes current. */
  delete(key: string): string {
    const { versionId, lastModified } = this.next();
    this.list(key).push({ versionId, body: undefined, lastModified, etag: undefined });
    return versionId;
  }

  /** What lifecycle expiry (or a delete by version ID) does: the version is gone for good. */
  expire(key: string, versionId: string): void {
    this.versions.set(
      key,
      this.list(key).filter((version) => version.versionId !== versionId),
    );
  }

  list(key: string): StoredVersion[] {
    let list = this.versions.get(key);
    if (list === undefined) {
      list = [];
      this.versions.set(key, list);
    }
    return list;
  }

  latest(key: string): StoredVersion | undefined {
    return this.list(key).at(-1);
  }

  text(key: string, versionId?: string): string | undefined {
    const version =
      versionId === undefined ? this.latest(key) : this.list(key).find((each) => each.versionId === versionId);
    return version?.body === undefined ? undefined : new TextDecoder().decode(version.body);
  }

  listed(key: string): StateVersion[] {
    const list = this.list(key);
    return list
      .map((version, index) => ({
        versionId: version.versionId,
        latest: index === list.length - 1,
        deleteMarker: version.body === undefined,
        lastModified: version.lastModified,
        size: version.body?.length,
        etag: version.etag,
      }))
      .reverse();
  }
}

/** The replica bucket: versions only (as a StateVersionSource). */
export class MemoryVersionSource implements StateVersionSource {
  readonly calls: string[] = [];
  constructor(
    readonly versions: MemoryVersions,
    readonly location: StateStoreLocation,
  ) {}

  async listStateVersions(key: string): Promise<StateVersion[]> {
    this.calls.push(`listStateVersions ${key}`);
    return this.versions.listed(key);
  }

  async readStateVersion(key: string, versionId: string): Promise<Uint8Array | undefined> {
    this.calls.push(`readStateVersion ${key} ${versionId}`);
    return this.versions.list(key).find((version) => version.versionId === versionId)?.body;
  }
}

/**
 * The lock tool's in-memory store (locks, digests, lockfiles) with versioned state objects: the
 * state tool's decisions tested without AWS, like MemoryLockStore for the lock tool.
 */
export class MemoryStateStore extends MemoryLockStore implements StateStore {
  readonly states = new MemoryVersions();
  private writeFailure: Error | undefined;

  /** The next writeStateObject fails with `error` (after the lock was taken). */
  failNextWrite(error: Error): this {
    this.writeFailure = error;
    return this;
  }

  override async readStateObject(key: string): Promise<Uint8Array | undefined> {
    this.enter('readStateObject', key);
    return this.states.latest(key)?.body ?? this.objects.get(key)?.body;
  }

  async listStateVersions(key: string): Promise<StateVersion[]> {
    this.enter('listStateVersions', key);
    return this.states.listed(key);
  }

  async readStateVersion(key: string, versionId: string): Promise<Uint8Array | undefined> {
    this.enter('readStateVersion', `${key} ${versionId}`);
    return this.states.list(key).find((version) => version.versionId === versionId)?.body;
  }

  async writeStateObject(key: string, body: Uint8Array, write: StateWrite): Promise<StateWriteResult> {
    this.enter('writeStateObject', key);
    if (this.writeFailure !== undefined) {
      const failure = this.writeFailure;
      this.writeFailure = undefined;
      throw failure;
    }
    const current = this.states.latest(key);
    const currentEtag = current?.body === undefined ? undefined : current.etag;
    if (write.expectedEtag !== currentEtag) return { outcome: 'changed' };
    return { outcome: 'written', versionId: this.states.put(key, body, write) };
  }
}

export { MEMORY_LOCATION };
