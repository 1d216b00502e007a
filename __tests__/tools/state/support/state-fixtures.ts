import type { LockingMode, ProjectConfig } from '../../../../config/types';
import { validateProject, type ValidProject } from '../../../../naming/project';
import type { OperatingContext } from '../../../../tools/ops/context';
import { md5Hex } from '../../../../tools/locks/digest';
import { testConfig } from '../../../support/test-config';
import { NOW } from '../../locks/support/lock-fixtures';
import { MEMORY_LOCATION, MemoryStateStore, MemoryVersionSource, MemoryVersions } from './memory-state-store';

export const LINEAGE = '0b6c7a6e-aaaa-4bbb-8ccc-000000000001';
export const OTHER_LINEAGE = '9f1d2e3c-dddd-4eee-8fff-000000000002';
export const RESTORE_LOCK_ID = 'restore0-0000-4000-8000-000000000000';
export const WHO = 'alice@laptop';

/** A state as Terraform 1.11 writes it, with managed resources at these addresses (`type.name`). */
export function tfstate(serial: number, resources: readonly string[] = [], lineage = LINEAGE): string {
  const entries = resources.map((address) => {
    const [type, name] = address.split('.');
    return `    {\n      "mode": "managed",\n      "type": "${type}",\n      "name": "${name}",\n      "provider": "provider[\\"registry.terraform.io/hashicorp/aws\\"]",\n      "instances": [{ "schema_version": 0, "attributes": { "id": "${name}", "big": 12345678901234567890 } }]\n    }`;
  });
  return `{\n  "version": 4,\n  "terraform_version": "1.11.4",\n  "serial": ${serial},\n  "lineage": "${lineage}",\n  "outputs": {},\n  "resources": [\n${entries.join(',\n')}\n  ],\n  "check_results": null\n}\n`;
}

export interface StateFixture {
  readonly project: ValidProject;
  readonly store: MemoryStateStore;
  readonly replica: MemoryVersionSource;
  readonly context: OperatingContext;
  readonly key: string;
  readonly digestId: string;
}

/** A fixture on dev's state, or with `stack: 'bootstrap'` on the bootstrap's own (give `bootstrapState: 's3'`). */
export function stateFixture(
  locking: LockingMode = 'dynamodb',
  overrides: Partial<ProjectConfig> = {},
  stack: 'dev' | 'bootstrap' = 'dev',
): StateFixture {
  const project = validateProject(testConfig({ locking, stateReplicaRegion: 'eu-central-1', ...overrides }));
  const store = new MemoryStateStore();
  const replica = new MemoryVersionSource(new MemoryVersions(), {
    ...MEMORY_LOCATION,
    bucket: 'acme-tfstate-111122223333-eu-central-1',
    region: 'eu-central-1',
  });
  const context: OperatingContext = {
    project,
    store,
    ...(project.config.stateReplicaRegion !== undefined && { replica: () => replica }),
    now: () => NOW,
    who: WHO,
    newLockId: () => RESTORE_LOCK_ID,
  };
  const names = stack === 'bootstrap' ? project.names.bootstrapState : project.names.environments.dev!;
  return { project, store, replica, context, key: names.stateKey, digestId: names.digestId };
}

/** Two deploys of the fixture's stack, as Terraform leaves them: two versions, the digest of the second. */
export function twoDeploys(fixture: StateFixture): { first: string; second: string } {
  const first = fixture.store.states.put(fixture.key, tfstate(1, ['aws_s3_bucket.app']));
  const text = tfstate(2, ['aws_s3_bucket.app', 'aws_sqs_queue.jobs']);
  const second = fixture.store.states.put(fixture.key, text);
  if (fixture.project.config.locking !== 's3')
    fixture.store.putDigestItem(fixture.digestId, md5Hex(new TextEncoder().encode(text)));
  return { first, second };
}
