import type { ValidProject } from '../../naming/project';
import { awsStateStore } from '../ops/context';
import type { LockStore } from './lock-store';

/** What every command needs: the validated project, where its locks live, and the clock. */
export interface LockToolContext {
  readonly project: ValidProject;
  readonly store: LockStore;
  /** Injected so tests can age locks without waiting. */
  readonly now: () => Date;
}

/**
 * The real context: the project's state bucket and lock table, reached as every operating tool
 * reaches them (tools/ops/context.ts): the state account's credentials, or an environment's
 * state role for an environment in another account (docs/multi-account.md).
 */
export function awsLockToolContext(project: ValidProject, env: NodeJS.ProcessEnv = process.env): LockToolContext {
  return { project, store: awsStateStore(project, env), now: () => new Date() };
}
