import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UnknownEnvironmentError } from '../../naming/environments';
import { ToolError } from './errors';
import { EXIT_OK, EXIT_USAGE } from './exit-codes';
import { PROCESS_OUTPUT, type ToolOutput } from './output';

/** The command line itself is wrong (unknown command, missing argument, bad option value). */
export class UsageError extends ToolError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** util.parseArgs' message, shortened to the part that says what is wrong. */
function parseArgsProblem(error: unknown): string {
  // Some runtimes prefix the message with "TypeError [ERR_PARSE_ARGS_...]: ".
  const message = (error instanceof Error ? error.message : String(error)).replace(/^\w*Error \[\w+\]: /, '');
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown !== null) return `unknown option ${unknown[1] ?? ''}`;
  const positional = /^Unexpected argument '([^']+)'/.exec(message);
  if (positional !== null) return `unexpected argument ${positional[1] ?? ''}`;
  return message.replace(/\s+/g, ' ').trim();
}

/** util.parseArgs, failing with a one-line UsageError instead of Node's multi-sentence TypeError. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(parseArgsProblem(error));
  }
}

/** A mistake on the command line: a UsageError, or an environment name this project does not have. */
export function isUsageError(error: unknown): error is UsageError | UnknownEnvironmentError {
  return error instanceof UsageError || error instanceof UnknownEnvironmentError;
}

/** What a tool prints for a usage error: `<tool>: <what is wrong>`, then `help` (the usage, or where to find it). */
export function usageErrorText(tool: string, error: Error, help: string): string {
  return `${tool}: ${error.message}\n${help}`;
}

/**
 * A tool's options, or the status to exit with at once: after printing the usage for --help, or
 * after saying what is wrong with the command line, followed by the usage.
 */
export function readCommandLine<T extends { readonly help: boolean }>(
  parse: () => T,
  tool: { readonly name: string; readonly usage: string },
  output: ToolOutput = PROCESS_OUTPUT,
): { readonly args: T } | { readonly exitCode: number } {
  try {
    const args = parse();
    if (!args.help) return { args };
    output.out(tool.usage);
    return { exitCode: EXIT_OK };
  } catch (error) {
    if (!isUsageError(error)) throw error;
    output.err(usageErrorText(tool.name, error, `\n${tool.usage}`));
    return { exitCode: EXIT_USAGE };
  }
}
