import { projectConfig } from '../../config/project';
import { BOOTSTRAP_STACK } from '../../config/stack-names';
import { requireEnvironment } from '../../naming/environments';
import { validateProject, type ValidProject } from '../../naming/project';
import { EXIT_OK, EXIT_PROBLEM } from '../cli/exit-codes';
import type { ToolOutput } from '../cli/output';
import { runOperatingTool, type OperatingTool } from '../ops/run-tool';
import { runChecks } from './checks';
import { parsePreflightArgs, USAGE } from './cli-args';
import { awsPreflightContext, type PreflightContext } from './context';
import { countByStatus, renderReport } from './report';

const PREFLIGHT_TOOL: OperatingTool = { name: 'preflight', usage: USAGE };

export interface RunPreflightOptions {
  /** The context to run with; default: `config/project.ts` and the caller's credentials (or the emulator from `env`). */
  readonly context?: PreflightContext;
  /** With no context: the project to use instead of `config/project.ts`. */
  readonly project?: ValidProject;
  /** With no context: where AWS_ENDPOINT_URL is read from. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * `npm run preflight [<env>|bootstrap]` as a function: arguments in, the report out through `io`,
 * the exit status returned (0 nothing missing, 1 something missing or an error, 2 usage).
 */
export async function runPreflightCli(
  argv: readonly string[],
  io: ToolOutput,
  options: RunPreflightOptions = {},
): Promise<number> {
  return runOperatingTool(PREFLIGHT_TOOL, io, async () => {
    const args = parsePreflightArgs(argv);
    if (args.help) return 'help';
    const project = options.context?.project ?? options.project ?? validateProject(projectConfig);
    // An unknown name fails here, before any AWS client exists.
    if (args.target !== undefined && args.target !== BOOTSTRAP_STACK) requireEnvironment(project, args.target);
    const context = options.context ?? awsPreflightContext(project, options.env ?? process.env);
    const results = await runChecks(project, context.caller, args.target);
    io.out(renderReport(results));
    return countByStatus(results).missing === 0 ? EXIT_OK : EXIT_PROBLEM;
  });
}
