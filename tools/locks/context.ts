import type { ValidProject } from '../../naming/project';
import { awsClients } from '../aws/clients';
import { stateStoreLocation } from '../aws/state-store-location';
import { AwsLockStore } from './aws-lock-store';
import type { LockStore } from './lock-store';

/** What every command needs: the validated project, where its locks live, and the clock. */
export interface LockToolContext {
  readonly project: ValidProject;
  readonly store: LockStore;
  /** Injected so tests can age locks without waiting. */
  readonly now: () => Date;
}

/** The real context: the project's state bucket and lock table, via the SDK clients of the state region. */
export function awsLockToolContext(project: ValidProject, env: NodeJS.ProcessEnv = process.env): LockToolContext {
  const clients = awsClients(project.config.stateRegion, env);
  return { project, store: new AwsLockStore(clients, stateStoreLocation(project, clients)), now: () => new Date() };
}
