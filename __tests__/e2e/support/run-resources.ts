import type { RunningEmulator } from '../../../tools/emulator/moto';

/** What global-setup starts for the whole run and global-teardown stops (both run in jest's main process). */
export interface RunResources {
  readonly emulator: RunningEmulator;
  /** The shared bootstrap's deploy, when global-setup started it. */
  readonly sharedBootstrap?: Promise<void>;
}

// Jest loads global-setup and global-teardown as separate modules: the run's resources travel on globalThis.
const KEY = Symbol.for('cdktf-remote-state.e2e.run-resources');

export function setRunResources(resources: RunResources): void {
  (globalThis as Record<symbol, unknown>)[KEY] = resources;
}

export function runResources(): RunResources | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as RunResources | undefined;
}
