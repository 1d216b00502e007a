import { failOnProblems } from '../config/config-error';
import type { ProjectConfig } from '../config/types';
import { validateConfig, type ValidConfig } from '../config/validate';
import { deriveNames, type ProjectNames } from './names';
import { lockTableNameRule } from './rules/dynamodb-table-name';
import { iamNamesRule } from './rules/iam-names';
import type { NameRule } from './rules/name-rule';
import { accessLogBucketNameRule, replicaBucketNameRule, stateBucketNameRule } from './rules/s3-bucket-name';
import { stateKeyRule } from './rules/state-key';

/** A configuration that passed every rule, and every name derived from it. */
export interface ValidProject {
  readonly config: ValidConfig;
  readonly names: ProjectNames;
}

// Run only on valid inputs, so one bad field is reported once, not again in every name built from it.
const NAME_RULES: readonly NameRule[] = [
  stateBucketNameRule,
  replicaBucketNameRule,
  accessLogBucketNameRule,
  lockTableNameRule,
  stateKeyRule,
  iamNamesRule,
];

/** Fails early, before any stack exists: the fields first, then the names built from them. */
export function validateProject(input: ProjectConfig): ValidProject {
  const config = validateConfig(input);
  const names = deriveNames(config);
  failOnProblems(NAME_RULES.flatMap((rule) => rule(config, names)));
  return { config, names };
}
