import { configErrorLines, ToolError } from '../cli/errors';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE } from '../cli/exit-codes';
import type { ToolOutput } from '../cli/output';
import { isUsageError, usageErrorText } from '../cli/usage';

/**
 * The conventions of the operating tools (npm run locks, state, teardown, preflight, drift), in one place: results on
 * stdout, every failure one line on stderr starting with the tool's name, and the exit status
 * 0 ok, 1 problem found or refused, 2 usage error (with a pointer to --help). Nothing a user can
 * cause ends in a stack trace; `<TOOL>_DEBUG=1` shows one for a bug.
 */
export interface OperatingTool {
  /** The npm script: `locks`, `state`, `teardown`, `preflight`, `drift`. */
  readonly name: string;
  readonly usage: string;
  /** Exit status of a usage error; default 2. `drift` says 1: its 2 means drift, as with terraform plan -detailed-exitcode. */
  readonly usageStatus?: number;
}

/** `locks` -> `LOCKS_DEBUG`. */
export function debugVariable(tool: Pick<OperatingTool, 'name'>): string {
  return `${tool.name.toUpperCase()}_DEBUG`;
}

/** What an error escaping a command prints, and the status it exits with. */
export function reportFailure(
  tool: Pick<OperatingTool, 'name' | 'usageStatus'>,
  error: unknown,
  output: ToolOutput,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const { name } = tool;
  if (isUsageError(error)) {
    output.err(usageErrorText(name, error, `Run \`npm run ${name} -- --help\` for usage.\n`));
    return tool.usageStatus ?? EXIT_USAGE;
  }
  if (error instanceof ToolError) {
    output.err(`${name}: ${error.message}\n`);
    return EXIT_PROBLEM;
  }
  if (error instanceof Error) {
    const config = configErrorLines(name, error);
    if (config !== undefined) {
      output.err(config);
      return EXIT_PROBLEM;
    }
    const debug = debugVariable(tool);
    output.err(
      `${name}: unexpected error: ${error.message}${env[debug] ? `\n${error.stack ?? ''}` : ` (set ${debug}=1 for details)`}\n`,
    );
    return EXIT_PROBLEM;
  }
  output.err(`${name}: unexpected error: ${String(error)}\n`);
  return EXIT_PROBLEM;
}

/**
 * Runs one command of an operating tool: `--help` (the command returns `help`) prints the usage
 * and succeeds; any failure is reported by the shared conventions. Never throws.
 */
export async function runOperatingTool(
  tool: OperatingTool,
  output: ToolOutput,
  command: () => Promise<number | 'help'>,
): Promise<number> {
  try {
    const code = await command();
    if (code !== 'help') return code;
    output.out(tool.usage);
    return EXIT_OK;
  } catch (error) {
    return reportFailure(tool, error, output);
  }
}
