import { requireEnvironment } from '../../naming/environments';
import type { ValidProject } from '../../naming/project';
import { crossAccountEnvironments, stateRoleArn } from '../../naming/state-roles';
import { awsClients, stateAccountClients } from '../aws/clients';
import { stateStoreLocation } from '../aws/state-store-location';
import { AwsLockStore } from './aws-lock-store';
import type { LockStore } from './lock-store';
import { PerEnvironmentLockStore } from './per-environment-store';

/** What every command needs: the validated project, where its locks live, and the clock. */
export interface LockToolContext {
  readonly project: ValidProject;
  readonly store: LockStore;
  /** Injected so tests can age locks without waiting. */
  readonly now: () => Date;
}

/**
 * The real context: the project's state bucket and lock table, via the SDK clients of the state
 * region. An environment in another account is reached the way its backend reaches it: through its
 * state role (docs/multi-account.md).
 */
export function awsLockToolContext(project: ValidProject, env: NodeJS.ProcessEnv = process.env): LockToolContext {
  const clients = stateAccountClients(project, env);
  const location = stateStoreLocation(project, clients);
  const direct = new AwsLockStore(clients, location);
  const crossAccount = crossAccountEnvironments(project);
  const store =
    crossAccount.length === 0
      ? direct
      : new PerEnvironmentLockStore(
          direct,
          crossAccount.map((environment) => {
            const { names } = requireEnvironment(project, environment);
            const roleArn = stateRoleArn(project, environment);
            return {
              keys: [names.stateKey, names.lockId, names.digestId, names.lockfileKey],
              store: new AwsLockStore(awsClients(project.config.stateRegion, env, { roleArn }), {
                ...location,
                roleArn,
              }),
            };
          }),
        );
  return { project, store, now: () => new Date() };
}
