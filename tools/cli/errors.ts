/**
 * Errors meant for the person at the terminal: a tool prints the message as one line and exits
 * non-zero, without a stack trace. Anything else escaping a command is a bug.
 */
export class ToolError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ToolError';
  }
}

/**
 * A configuration error (config/config-error.ts) as lines for a tool's stderr: one per broken rule,
 * `<tool>: invalid configuration: <field>: <rule>`. Undefined for any other error.
 */
export function configErrorLines(tool: string, error: Error): string | undefined {
  if (error.name !== 'ConfigError') return undefined;
  const problems = (error as Error & { problems?: readonly { field: string; rule: string }[] }).problems ?? [];
  if (problems.length === 0) return `${tool}: ${error.message}\n`;
  return problems.map((problem) => `${tool}: invalid configuration: ${problem.field}: ${problem.rule}\n`).join('');
}
