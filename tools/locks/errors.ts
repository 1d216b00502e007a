/**
 * Errors meant for the person at the terminal: the CLI prints their message as one line and
 * exits non-zero, without a stack trace. Anything else escaping a command is a bug.
 */
export class LockToolError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LockToolError';
  }
}

/** The command line itself is wrong (unknown command, missing argument, bad option value). */
export class UsageError extends LockToolError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
