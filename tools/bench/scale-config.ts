import * as path from 'node:path';
import type { ProjectConfig } from '../../config/types';

/** moto's default account: what requests signed with plain (dummy) credentials act in. */
export const EMULATOR_ACCOUNT_ID = '123456789012';

/**
 * The workload every scale environment deploys: the e2e tests' bare bucket, copied into each
 * scratch copy's workloads/. The example workload's lifecycle rules would add the aws provider's
 * ~55 s wait to every environment's first deploy (docs/speed.md), which is not what scale is about.
 */
export const SCALE_WORKLOAD = 'e2e-bucket';
/** Where that workload lives, relative to the project root. */
export const SCALE_WORKLOAD_FILE = path.join('__tests__', 'e2e', 'support', 'workloads', `${SCALE_WORKLOAD}.ts`);

/** `count` names `<prefix>01`.., zero-padded to the width of `count` (at least 2) so they sort as numbered. */
export function numberedNames(prefix: string, count: number): string[] {
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(width, '0')}`);
}

/**
 * A configuration with the given environments, all alike, in moto's account. Locking takes both
 * locks (`dynamodb+s3`): the lock table, whose items the deploy figure checks, and a lockfile per
 * environment, which gives the bootstrap a lifecycle rule per environment besides its state policy:
 * the most the bootstrap creates per environment in one account.
 */
export function scaleConfig(project: string, environments: readonly string[]): ProjectConfig {
  return {
    project,
    stateRegion: 'us-east-1',
    accountId: EMULATOR_ACCOUNT_ID,
    locking: 'dynamodb+s3',
    tags: { Bench: 'scale' },
    environments: Object.fromEntries(
      environments.map((name) => [name, { region: 'us-east-1', workloads: [SCALE_WORKLOAD] }]),
    ),
  };
}

/** One round of the deploy figure: an environment alone, then `parallel` others at once. */
export interface DeployRound {
  readonly single: string;
  readonly parallel: readonly string[];
}

/**
 * Fresh environments for each round (every deploy is a first deploy): `r1-one`, `r1-p01`...
 * One bootstrap serves them all.
 */
export function deployRounds(rounds: number, parallel: number): DeployRound[] {
  return Array.from({ length: rounds }, (_, index) => ({
    single: `r${index + 1}-one`,
    parallel: numberedNames(`r${index + 1}-p`, parallel),
  }));
}

export function roundEnvironments(rounds: readonly DeployRound[]): string[] {
  return rounds.flatMap((round) => [round.single, ...round.parallel]);
}
