import type { Problem } from './rules/problem';

/** A configuration that breaks rules: every broken rule in one message, for the person who wrote it. */
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

/** Throws a ConfigError when there is any problem. */
export function failOnProblems(problems: readonly Problem[], where?: string): void {
  if (problems.length > 0) throw new ConfigError(problems, where);
}
