import { failOnProblems } from './config-error';
import { accessLogsRule } from './rules/access-logs';
import { accountIdRule } from './rules/account-id';
import { accountsRule } from './rules/accounts';
import { ciRule } from './rules/ci';
import { choicesRule } from './rules/choices';
import { environmentNameRule } from './rules/environment-name';
import type { InputRule } from './rules/problem';
import { projectNameRule } from './rules/project-name';
import { regionRule } from './rules/region';
import { replicaRegionRule } from './rules/replica-region';
import { retentionDaysRule } from './rules/retention-days';
import { retireLockTableRule } from './rules/retire-lock-table';
import { shapeRule } from './rules/shape';
import { tagsRule } from './rules/tags';
import { unknownKeysRule } from './rules/unknown-keys';
import { workloadsRule } from './rules/workloads';
import type { BootstrapStateLocation, LockingMode, ProjectConfig, StateEncryption } from './types';

/** A configuration whose fields passed every rule, with defaults filled in. */
export interface ValidConfig extends ProjectConfig {
  readonly stateEncryption: StateEncryption;
  readonly noncurrentVersionRetentionDays: number;
  readonly locking: LockingMode;
  readonly retireLockTable: boolean;
  readonly bootstrapState: BootstrapStateLocation;
  readonly stateAccessLogs: boolean;
  readonly accessLogRetentionDays: number;
  readonly tags: Readonly<Record<string, string>>;
}

const INPUT_RULES: readonly InputRule[] = [
  projectNameRule,
  environmentNameRule,
  regionRule,
  accountIdRule,
  accountsRule,
  retentionDaysRule,
  tagsRule,
  choicesRule,
  retireLockTableRule,
  workloadsRule,
  ciRule,
  replicaRegionRule,
  accessLogsRule,
];

/** Days an access log object is kept by default: a year, long enough to look back on an incident. */
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 365;

/**
 * Checks the fields as written, with every broken rule in one message. The names derived from
 * them are checked next, by naming/project.ts (validateProject), which is what the app calls.
 */
export function validateConfig(input: ProjectConfig): ValidConfig {
  // The structure, and no key the project does not know (a misspelt setting would be ignored).
  failOnProblems([...shapeRule(input), ...unknownKeysRule(input)]);
  failOnProblems(INPUT_RULES.flatMap((rule) => rule(input)));
  return {
    ...input,
    stateEncryption: input.stateEncryption ?? 'aws-managed',
    noncurrentVersionRetentionDays: input.noncurrentVersionRetentionDays ?? 90,
    locking: input.locking ?? 'dynamodb',
    retireLockTable: input.retireLockTable ?? false,
    bootstrapState: input.bootstrapState ?? 'local',
    stateAccessLogs: input.stateAccessLogs ?? false,
    accessLogRetentionDays: input.accessLogRetentionDays ?? DEFAULT_ACCESS_LOG_RETENTION_DAYS,
    tags: input.tags ?? {},
  };
}
