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
