import type { CiConfig, EnvironmentConfig, GitHubCiConfig, ProjectConfig } from './types';

/**
 * Every key the configuration may have, level by level: the one list the unknown-key rule
 * (config/rules/unknown-keys.ts) reads. Each tree is typed by the interface it describes, so a
 * key added to config/types.ts does not compile until it is added here too, as one line.
 */

/** A setting whose value the other rules check (a string, a number, a list, a choice). */
export const VALUE = 'value';
/** An object whose keys the user chooses (tag keys, environment names in a per-environment map). */
export const USER_KEYS = 'user keys';

/** One level: each key, and what is under it. */
export type KeyTree<T> = { readonly [K in keyof Required<T>]: KeyNode };

export type KeyNode =
  | typeof VALUE
  | typeof USER_KEYS
  /** A map from names the user chooses (the environments) to objects of a known shape. */
  | { readonly each: KeyLevel }
  | KeyLevel;

/** A level of known keys, with what the level is called in messages. */
export interface KeyLevel {
  readonly what: string;
  readonly keys: Readonly<Record<string, KeyNode>>;
}

const GITHUB_KEYS: KeyTree<GitHubCiConfig> = {
  repository: VALUE,
  oidcProviderArn: VALUE,
  protectedEnvironments: VALUE,
  workloadPolicyArns: USER_KEYS,
  planPolicyArns: USER_KEYS,
  defaultBranch: VALUE,
};

const CI_KEYS: KeyTree<CiConfig> = {
  github: { what: 'ci.github', keys: GITHUB_KEYS },
};

const ENVIRONMENT_KEYS: KeyTree<EnvironmentConfig> = {
  region: VALUE,
  allowedAccountIds: VALUE,
  accountId: VALUE,
  deployRoleArn: VALUE,
  stateAccessPrincipals: VALUE,
  tags: USER_KEYS,
  stateKey: VALUE,
  workloads: VALUE,
};

const PROJECT_KEYS: KeyTree<ProjectConfig> = {
  project: VALUE,
  stateRegion: VALUE,
  accountId: VALUE,
  deployRoleArn: VALUE,
  stateBucketName: VALUE,
  lockTableName: VALUE,
  stateEncryption: VALUE,
  noncurrentVersionRetentionDays: VALUE,
  locking: VALUE,
  retireLockTable: VALUE,
  bootstrapState: VALUE,
  stateReplicaRegion: VALUE,
  stateAccessLogs: VALUE,
  accessLogRetentionDays: VALUE,
  tags: USER_KEYS,
  ci: { what: 'ci', keys: CI_KEYS },
  environments: { each: { what: 'an environment', keys: ENVIRONMENT_KEYS } },
};

/** The whole configuration's keys. */
export const CONFIGURATION_KEYS: KeyLevel = { what: 'the configuration', keys: PROJECT_KEYS };
