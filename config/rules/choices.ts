import type { BootstrapStateLocation, LockingMode, StateEncryption } from '../types';
import { problem, type InputRule, type Problem } from './problem';

export const LOCKING_MODES: readonly LockingMode[] = ['dynamodb', 'dynamodb+s3', 's3'];
export const STATE_ENCRYPTIONS: readonly StateEncryption[] = ['aws-managed', 'customer-managed'];
export const BOOTSTRAP_STATE_LOCATIONS: readonly BootstrapStateLocation[] = ['local', 's3'];

function choiceProblems(field: string, value: unknown, choices: readonly string[]): Problem[] {
  if (value === undefined || choices.includes(value as string)) return [];
  return [problem(field, value, `must be one of ${choices.map((c) => `"${c}"`).join(', ')}`)];
}

// The app runs without a type check (for speed), so settings typed as unions are checked here too.
export const choicesRule: InputRule = (config) => [
  ...choiceProblems('locking', config.locking, LOCKING_MODES),
  ...choiceProblems('stateEncryption', config.stateEncryption, STATE_ENCRYPTIONS),
  ...choiceProblems('bootstrapState', config.bootstrapState, BOOTSTRAP_STATE_LOCATIONS),
];
