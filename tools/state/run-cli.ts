import { projectConfig } from '../../config/project';
import { namedLockTarget } from '../locks/lock-targets';
import type { ValidProject } from '../../naming/project';
import { validateProject } from '../../naming/project';
import { EXIT_OK, EXIT_PROBLEM } from '../cli/exit-codes';
import type { ToolOutput } from '../cli/output';
import { awsOperatingContext, type OperatingContext } from '../ops/context';
import { runOperatingTool, type OperatingTool } from '../ops/run-tool';
import { parseStateArgs, STATE_USAGE, type StateCommand } from './cli-args';
import { readHistory } from './history';
import { historyJson, restoreJson } from './json-output';
import { renderHistory, renderRestore } from './output';
import { restoreState, type RestoreResult } from './restore';

export const STATE_TOOL: OperatingTool = { name: 'state', usage: STATE_USAGE };

export interface RunStateOptions {
  /** The context to run against; default: `config/project.ts` on AWS (or the emulator from `env`). */
  readonly context?: OperatingContext;
  /** With no context: the project to use instead of `config/project.ts`. */
  readonly project?: ValidProject;
  /** With no context: where AWS_ENDPOINT_URL is read from. */
  readonly env?: NodeJS.ProcessEnv;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function contextFor(environment: string, options: RunStateOptions): OperatingContext {
  const project = options.context?.project ?? options.project ?? validateProject(projectConfig);
  // An unknown environment (or bootstrap with its state in a local file) is a usage error, found
  // before any AWS client exists.
  namedLockTarget(project, environment);
  return options.context ?? awsOperatingContext(project, options.env ?? process.env);
}

function restoreExit(result: RestoreResult): number {
  if (result.kind === 'refused') return EXIT_PROBLEM;
  if (result.kind === 'restored' && (result.lockLeft !== undefined || result.digest?.written === false))
    return EXIT_PROBLEM;
  return EXIT_OK;
}

async function runCommand(command: Exclude<StateCommand, { name: 'help' }>, context: OperatingContext, io: ToolOutput) {
  switch (command.name) {
    case 'history': {
      const history = await readHistory(context, command.environment, { replica: command.replica });
      io.out(command.json ? json(historyJson(history)) : renderHistory(history));
      return EXIT_OK;
    }
    case 'restore': {
      const result = await restoreState(context, {
        environment: command.environment,
        versionId: command.versionId,
        dryRun: command.dryRun,
        force: command.force,
        fromReplica: command.fromReplica,
      });
      if (command.json) io.out(json(restoreJson(result)));
      else if (result.kind === 'refused') io.err(`state: refused: ${result.reason}\n`);
      else io.out(renderRestore(result));
      return restoreExit(result);
    }
  }
}

/**
 * `npm run state` as a function: arguments in, text out, exit status returned; the operating
 * tools' conventions (tools/ops/run-tool.ts), as `npm run locks`.
 */
export async function runStateCli(
  argv: readonly string[],
  io: ToolOutput,
  options: RunStateOptions = {},
): Promise<number> {
  return runOperatingTool(STATE_TOOL, io, async () => {
    const command = parseStateArgs(argv);
    if (command.name === 'help') return 'help';
    return runCommand(command, contextFor(command.environment, options), io);
  });
}
