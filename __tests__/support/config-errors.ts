import type { Problem } from '../../config/rules/problem';
import type { ProjectConfig } from '../../config/types';
import { validateProject } from '../../naming/project';
import { ConfigError } from '../../config/config-error';

/** One problem a test expects: the rule may be given as a fragment of its text or a pattern. */
export interface ExpectedProblem {
  readonly field: string;
  readonly value: unknown;
  readonly rule: string | RegExp;
}

/** The ConfigError that validating `config` throws; fails the test if it does not throw one. */
export function configErrorOf(config: ProjectConfig): ConfigError {
  try {
    validateProject(config);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw new Error(`expected a ConfigError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the configuration to be rejected, but it validated');
}

/** How the error message shows a value (mirrors ConfigError's format). */
function shown(value: unknown): string {
  return value === undefined ? '(not set)' : JSON.stringify(value);
}

function ruleMatches(rule: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? rule.includes(expected) : expected.test(rule);
}

function describeProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `  ${p.field} = ${shown(p.value)}: ${p.rule}`).join('\n');
}

/**
 * Asserts that the error reports `expected`: both in `.problems` and as one line of the
 * message that names the field, shows the value and states the rule.
 */
export function expectReported(error: ConfigError, expected: ExpectedProblem): void {
  const found = error.problems.filter((p) => p.field === expected.field && ruleMatches(p.rule, expected.rule));
  if (found.length === 0) {
    throw new Error(
      `no problem for ${expected.field} matching ${String(expected.rule)}; reported:\n${describeProblems(error.problems)}`,
    );
  }
  expect(found.map((p) => p.value)).toContainEqual(expected.value);
  const prefix = `  - ${expected.field} = ${shown(expected.value)}: `;
  const lines = error.message.split('\n').filter((line) => line.startsWith(prefix));
  expect(lines.some((line) => ruleMatches(line.slice(prefix.length), expected.rule))).toBe(true);
}

/** Validates `config` and asserts the problem is reported; returns the error for further checks. */
export function expectProblem(config: ProjectConfig, expected: ExpectedProblem): ConfigError {
  const error = configErrorOf(config);
  expectReported(error, expected);
  return error;
}

/** As expectProblem, and asserts that it is the only problem reported. */
export function expectOnlyProblem(config: ProjectConfig, expected: ExpectedProblem): ConfigError {
  const error = expectProblem(config, expected);
  expect(error.problems).toHaveLength(1);
  return error;
}

/** Feeds a deliberately wrong type to validateConfig, as a user running without a type check could. */
export function untyped(overrides: Record<string, unknown>): Partial<ProjectConfig> {
  return overrides as unknown as Partial<ProjectConfig>;
}
