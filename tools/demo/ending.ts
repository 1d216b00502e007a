// How the demo ends, decided from what happened: what it stops, keeps or removes, its exit code
// and its last line. Pure, so every combination is tested without an emulator.
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEM } from '../cli/exit-codes';
import type { EmulatorStop } from './demo-steps';
import { formatSeconds } from './steps';

export interface EmulatorFacts {
  readonly keep: boolean;
  /** Ctrl-C was pressed. */
  readonly interrupted: boolean;
  readonly started: boolean;
  /** A step failed. */
  readonly failed: boolean;
}

/** Left running only with --keep, never after Ctrl-C; otherwise stopped, as the last step if all went well. */
export function emulatorEnding(facts: EmulatorFacts): 'not-started' | 'keep' | EmulatorStop {
  if (!facts.started) return 'not-started';
  if (facts.keep && !facts.interrupted) return 'keep';
  return facts.failed ? 'quietly' : 'as-last-step';
}

/** Kept with --keep, and after a failure for its logs and scratch project to look at; otherwise removed. */
export function keepsWorkDirectory(facts: { readonly keep: boolean; readonly failed: boolean }): boolean {
  return facts.keep || facts.failed;
}

export function demoExitCode(facts: { readonly interrupted: boolean; readonly failed: boolean }): number {
  if (facts.interrupted) return EXIT_INTERRUPTED;
  return facts.failed ? EXIT_PROBLEM : EXIT_OK;
}

export interface ClosingFacts {
  readonly exitCode: number;
  readonly keep: boolean;
  readonly interrupted: boolean;
  /** The number of the step that failed. */
  readonly failedStep: number | undefined;
  readonly elapsedMs: number;
}

export function closingLine(facts: ClosingFacts): string {
  const elapsed = formatSeconds(facts.elapsedMs);
  if (facts.exitCode === EXIT_OK) {
    return `\nDone in ${elapsed}.${facts.keep ? '' : ' The scratch copy is removed; nothing of yours was changed.'}\n`;
  }
  const why = facts.interrupted ? 'interrupted' : `step ${facts.failedStep ?? '?'} failed`;
  return `\nThe demo did not finish (${why}) after ${elapsed}.\n`;
}
