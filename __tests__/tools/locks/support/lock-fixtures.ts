import type { LockingMode, ProjectConfig } from '../../../../config/types';
import { validateProject, type ValidProject } from '../../../../naming/project';
import type { LockToolContext } from '../../../../tools/locks/context';
import type { LockInfo } from '../../../../tools/terraform/lock-info';
import type { EnvironmentLockTarget } from '../../../../tools/locks/lock-targets';
import { namedLockTarget } from '../../../../tools/locks/lock-targets';
import { testConfig } from '../../../support/test-config';
import { MemoryLockStore } from './memory-lock-store';

/** The clock every test reads: locks below are dated relative to it. */
export const NOW = new Date('2025-06-01T12:00:00.000Z');

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export function testProject(locking: LockingMode = 'dynamodb'): ValidProject {
  return validateProject(testConfig({ locking }));
}

export interface LockFixture {
  readonly project: ValidProject;
  readonly store: MemoryLockStore;
  readonly context: LockToolContext;
  target(environment: string): EnvironmentLockTarget;
}

export function lockFixture(locking: LockingMode = 'dynamodb', config: Partial<ProjectConfig> = {}): LockFixture {
  const project = validateProject(testConfig({ locking, ...config }));
  const store = new MemoryLockStore();
  return {
    project,
    store,
    context: { project, store, now: () => NOW },
    target: (name) => namedLockTarget(project, name),
  };
}

/** LockInfo JSON as Terraform writes it (Go's RFC3339 with nanoseconds). */
export function terraformLockInfo(overrides: Partial<LockInfo> & { ageMs?: number } = {}): string {
  const { ageMs = 5 * MINUTE, ...fields } = overrides;
  const created = new Date(NOW.getTime() - ageMs).toISOString().replace(/\.(\d{3})Z$/, '.$1456789Z');
  const info: LockInfo = {
    ID: 'a1b2c3d4-0000-4000-8000-000000000001',
    Operation: 'OperationTypeApply',
    Info: '',
    Who: 'alice@laptop',
    Version: '1.11.4',
    Created: created,
    Path: 'acme-tfstate-111122223333-eu-west-1/dev/terraform.tfstate',
    ...fields,
  };
  return JSON.stringify(info);
}

/** Takes the lock on `environment` the way Terraform does in the project's mode. */
export function holdLock(fixture: LockFixture, environment: string, info: string = terraformLockInfo()): void {
  const target = fixture.target(environment);
  if (target.mechanisms.includes('dynamodb')) fixture.store.putLockItem(target.lockItemId, info);
  if (target.mechanisms.includes('s3')) fixture.store.putObject(target.lockfileKey, info);
}
