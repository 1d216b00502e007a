import { deriveNames, type ProjectNames } from '../naming/names';
import { accountIdRule } from './rules/account-id';
import { choicesRule } from './rules/choices';
import { lockTableNameRule } from './rules/dynamodb-table-name';
import { environmentNameRule } from './rules/environment-name';
import type { InputRule, NameRule, Problem } from './rules/problem';
import { projectNameRule } from './rules/project-name';
import { regionRule } from './rules/region';
import { retentionDaysRule } from './rules/retention-days';
import { retireLockTableRule } from './rules/retire-lock-table';
import { stateBucketNameRule } from './rules/s3-bucket-name';
import { shapeRule } from './rules/shape';
import { stateKeyRule } from './rules/state-key';
import { tagsRule } from './rules/tags';
import type { LockingMode, ProjectConfig, StateEncryption } from './types';

/** A configuration that passed every rule, with defaults filled in. */
export interface ValidConfig extends ProjectConfig {
  readonly stateEncryption: StateEncryption;
  readonly noncurrentVersionRetentionDays: number;
  readonly locking: LockingMode;
  readonly retireLockTable: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

export interface ValidProject {
  readonly config: ValidConfig;
  readonly names: ProjectNames;
}

export class ConfigError extends Error {
  constructor(
    readonly problems: readonly Problem[],
    where = 'config/project.ts',
  ) {
    super(
      [
        `Invalid configuration in ${where}; nothing was synthesized:`,
        ...problems.map((p) => `  - ${p.field} = ${formatValue(p.value)}: ${p.rule}`),
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

function formatValue(value: unknown): string {
  return value === undefined ? '(not set)' : JSON.stringify(value);
}

const INPUT_RULES: readonly InputRule[] = [
  projectNameRule,
  environmentNameRule,
  regionRule,
  accountIdRule,
  retentionDaysRule,
  tagsRule,
  choicesRule,
  retireLockTableRule,
];

// Run only on valid inputs, so one bad field is reported once, not again in every name built from it.
const NAME_RULES: readonly NameRule[] = [stateBucketNameRule, lockTableNameRule, stateKeyRule];

function check(problems: Problem[]): void {
  if (problems.length > 0) throw new ConfigError(problems);
}

/** Fails early, before any stack exists, with every broken rule in one message. */
export function validateConfig(input: ProjectConfig): ValidProject {
  check(shapeRule(input));
  check(INPUT_RULES.flatMap((rule) => rule(input)));
  const config: ValidConfig = {
    ...input,
    stateEncryption: input.stateEncryption ?? 'aws-managed',
    noncurrentVersionRetentionDays: input.noncurrentVersionRetentionDays ?? 90,
    locking: input.locking ?? 'dynamodb',
    retireLockTable: input.retireLockTable ?? false,
    tags: input.tags ?? {},
  };
  const names = deriveNames(config);
  check(NAME_RULES.flatMap((rule) => rule(config, names)));
  return { config, names };
}
