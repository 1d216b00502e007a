import * as fs from 'node:fs';
import { projectConfig } from '../../config/project';
import { requireEnvironment } from '../../naming/environments';
import { validateProject, type ValidProject } from '../../naming/project';
import { EXIT_DRIFT, EXIT_OK, EXIT_PROBLEM } from '../cli/exit-codes';
import type { ToolOutput } from '../cli/output';
import { runOperatingTool, type OperatingTool } from '../ops/run-tool';
import { projectRoot } from '../project-root';
import { runCommand } from '../terraform/run';
import { checkDrift, type DriftContext } from './check-drift';
import { parseDriftArgs, USAGE } from './cli-args';
import { renderMarkdown, renderText } from './report';

// A usage error exits 1: 2 means drift, as with terraform plan -detailed-exitcode.
const DRIFT_TOOL: OperatingTool = { name: 'drift', usage: USAGE, usageStatus: EXIT_PROBLEM };

export interface RunDriftOptions {
  /** The context to run with; default: `config/project.ts`, the project directory, the process's environment. */
  readonly context?: DriftContext;
  readonly project?: ValidProject;
}

/**
 * `npm run drift -- <env>` as a function: arguments in, the plan and the verdict out, the exit
 * status returned as `terraform plan -detailed-exitcode` has it: 0 no drift, 2 drift, 1 error.
 */
export async function runDriftCli(
  argv: readonly string[],
  io: ToolOutput,
  options: RunDriftOptions = {},
): Promise<number> {
  return runOperatingTool(DRIFT_TOOL, io, async () => {
    const args = parseDriftArgs(argv);
    if (args.help || args.environment === undefined) return 'help';
    const project = options.context?.project ?? options.project ?? validateProject(projectConfig);
    requireEnvironment(project, args.environment);
    const context: DriftContext = options.context ?? {
      project,
      root: projectRoot(),
      env: process.env,
      run: runCommand,
    };
    const result = await checkDrift(context, args.environment, args.lockTimeout);
    if (result.planOutput !== '')
      io.out(result.planOutput.endsWith('\n') ? result.planOutput : `${result.planOutput}\n`);
    const text = renderText(result);
    if (result.outcome.kind === 'error') io.err(text);
    else io.out(text);
    if (args.summary !== undefined) fs.appendFileSync(args.summary, renderMarkdown(result));
    return result.outcome.kind === 'none' ? EXIT_OK : result.outcome.kind === 'drift' ? EXIT_DRIFT : EXIT_PROBLEM;
  });
}
