import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { requireEnvironment } from '../../naming/environments';
import type { ValidProject } from '../../naming/project';
import { crossAccountEnvironments, stateRoleArn } from '../../naming/state-roles';
import { awsClients, stateAccountClients } from '../aws/clients';
import { stateStoreLocation } from '../aws/state-store-location';
import { AwsStateStore, AwsStateVersionSource } from '../state/aws-state-store';
import { PerEnvironmentStateStore } from '../state/per-environment-state-store';
import type { StateStore, StateVersionSource } from '../state/state-store';

/**
 * What the operating tools (npm run locks, state, teardown) share: the validated configuration,
 * one store over the project's state bucket and lock table (reached as Terraform reaches them:
 * the state account's credentials, or an environment's state role), the emulator when
 * AWS_ENDPOINT_URL is set, and the clock. Tests pass in-memory stores instead.
 */
export interface OperatingContext {
  readonly project: ValidProject;
  readonly store: StateStore;
  /** The replica bucket's versions, when the project has one (`stateReplicaRegion`). */
  readonly replica?: () => StateVersionSource;
  /** Injected so tests can age locks without waiting. */
  readonly now: () => Date;
  /** Who runs the tool, as Terraform writes it in a lock's `Who`: `user@host`. */
  readonly who: string;
  /** A new lock ID (a UUID, like Terraform's). */
  readonly newLockId: () => string;
}

/** `user@host`, as Terraform's LockInfo says who holds a lock. */
export function whoRuns(): string {
  let user = process.env.USER ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment's USER, as read above.
  }
  return `${user}@${hostname()}`;
}

/**
 * The state storage as the tools reach it, with the SDK clients of the state region: an environment
 * in another account through its state role, the way its backend reaches its state
 * (docs/multi-account.md); everything else with the state account's credentials.
 */
export function awsStateStore(project: ValidProject, env: NodeJS.ProcessEnv = process.env): StateStore {
  const clients = stateAccountClients(project, env);
  const location = stateStoreLocation(project, clients);
  const direct = new AwsStateStore(clients, location);
  const crossAccount = crossAccountEnvironments(project);
  if (crossAccount.length === 0) return direct;
  return new PerEnvironmentStateStore(
    direct,
    crossAccount.map((environment) => {
      const { names } = requireEnvironment(project, environment);
      const roleArn = stateRoleArn(project, environment);
      return {
        keys: [names.stateKey, names.lockId, names.digestId, names.lockfileKey],
        store: new AwsStateStore(awsClients(project.config.stateRegion, env, { roleArn }), { ...location, roleArn }),
      };
    }),
  );
}

/** The replica bucket, in its region, with the state account's credentials (the state roles do not reach it). */
export function awsReplicaSource(project: ValidProject, env: NodeJS.ProcessEnv = process.env): StateVersionSource {
  const { config, names } = project;
  if (config.stateReplicaRegion === undefined || names.replicaBucket === undefined) {
    throw new Error('awsReplicaSource: the project has no replica (stateReplicaRegion)');
  }
  const clients = awsClients(
    config.stateReplicaRegion,
    env,
    config.deployRoleArn === undefined ? {} : { roleArn: config.deployRoleArn },
  );
  return new AwsStateVersionSource(clients, {
    ...stateStoreLocation(project, clients),
    bucket: names.replicaBucket,
    region: config.stateReplicaRegion,
  });
}

export function awsOperatingContext(project: ValidProject, env: NodeJS.ProcessEnv = process.env): OperatingContext {
  let replica: StateVersionSource | undefined;
  return {
    project,
    store: awsStateStore(project, env),
    ...(project.config.stateReplicaRegion !== undefined && {
      replica: () => (replica ??= awsReplicaSource(project, env)),
    }),
    now: () => new Date(),
    who: whoRuns(),
    newLockId: randomUUID,
  };
}
