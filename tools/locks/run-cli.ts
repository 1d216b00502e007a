import { projectConfig } from '../../config/project';
import type { ValidProject } from '../../naming/project';
import { validateProject } from '../../naming/project';
import { EXIT_OK, EXIT_PROBLEM } from '../cli/exit-codes';
import { runOperatingTool, type OperatingTool } from '../ops/run-tool';
import type { LocksCommand } from './cli-args';
import { parseLocksArgs, USAGE } from './cli-args';
import type { CliIo } from './cli-io';
import type { LockToolContext } from './context';
import { awsLockToolContext } from './context';
import { runDoctor } from './doctor';
import { doctorJson, listJson } from './json-output';
import { listLocks } from './list';
import { readLockStatus } from './lock-status';
import { namedLockTarget } from './lock-targets';
import {
  lockingModeNote,
  renderBeforeFix,
  renderDoctor,
  renderList,
  renderLockDetails,
  renderUnlockResult,
} from './text-output';
import type { UnlockResult } from './unlock';
import { releaseConfirmedLocks, unlockEnvironment } from './unlock';

export const LOCKS_TOOL: OperatingTool = { name: 'locks', usage: USAGE };

export interface RunLocksOptions {
  /** The context to run against; default: `config/project.ts` on AWS (or the emulator from `env`). */
  readonly context?: LockToolContext;
  /** With no context: the project to use instead of `config/project.ts`. */
  readonly project?: ValidProject;
  /** With no context: where AWS_ENDPOINT_URL is read from (the SDK's credential chain always reads process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Success on stdout; anything short of a full release on stderr, with a failing status. */
function reportUnlock(result: UnlockResult, io: CliIo): number {
  if (result.outcome === 'released') {
    io.out(renderUnlockResult(result));
    return EXIT_OK;
  }
  io.err(result.outcome === 'refused' ? `locks: ${result.reason ?? 'refused'}\n` : renderUnlockResult(result));
  return EXIT_PROBLEM;
}

async function unlockCommand(
  context: LockToolContext,
  command: Extract<LocksCommand, { name: 'unlock' }>,
  io: CliIo,
): Promise<number> {
  if (command.lockId !== undefined) {
    return reportUnlock(await unlockEnvironment(context, command.environment, command.lockId), io);
  }
  const target = namedLockTarget(context.project, command.environment);
  // Without a terminal nobody can confirm, and guessing in a script is how live locks get removed.
  if (!io.interactive) {
    io.err(
      `locks: refusing to unlock "${command.environment}" without confirmation: no terminal. Pass the lock ID: npm run locks -- unlock ${command.environment} --lock-id <ID> (see npm run locks -- list)\n`,
    );
    return EXIT_PROBLEM;
  }
  const status = await readLockStatus(context.store, target, context.now());
  if (status.locks.length === 0) {
    io.err(`locks: environment "${command.environment}" is not locked; nothing to release\n`);
    return EXIT_PROBLEM;
  }
  io.out(renderLockDetails(status));
  const answer = await io.ask('Release this lock? Only if no Terraform run is still using it. [y/N] ');
  if (!/^y(es)?$/i.test(answer.trim())) {
    io.err('Nothing released.\n');
    return EXIT_PROBLEM;
  }
  return reportUnlock(await releaseConfirmedLocks(context, status), io);
}

async function runCommand(
  command: Exclude<LocksCommand, { name: 'help' }>,
  context: LockToolContext,
  io: CliIo,
): Promise<number> {
  const { location } = context.store;
  switch (command.name) {
    case 'list': {
      const statuses = await listLocks(context, command.environment);
      io.out(
        command.json
          ? json(listJson(statuses, location))
          : renderList(statuses, location) + lockingModeNote(context.project.config.locking),
      );
      return EXIT_OK;
    }
    case 'unlock':
      return unlockCommand(context, command, io);
    case 'doctor': {
      const report = await runDoctor(context, {
        ...(command.environment !== undefined && { environment: command.environment }),
        fix: command.fix,
        maxAgeMs: command.maxAgeMs,
        // Said before the write; on stderr with --json so stdout stays one JSON document.
        beforeFix: (check) => {
          if (command.json) io.err(renderBeforeFix(check));
          else io.out(renderBeforeFix(check));
        },
      });
      io.out(
        command.json
          ? json(doctorJson(report))
          : renderDoctor(report, location) + lockingModeNote(context.project.config.locking),
      );
      return report.problems === 0 ? EXIT_OK : EXIT_PROBLEM;
    }
  }
}

function contextFor(command: Exclude<LocksCommand, { name: 'help' }>, options: RunLocksOptions): LockToolContext {
  const project = options.context?.project ?? options.project ?? validateProject(projectConfig);
  // Unknown environment names fail here, before any AWS client exists.
  if (command.environment !== undefined) namedLockTarget(project, command.environment);
  return options.context ?? awsLockToolContext(project, options.env ?? process.env);
}

/**
 * The whole CLI as a function: arguments in, text out through `io`, exit status returned.
 * Never throws for anything a user can cause; every failure is one line on stderr
 * (the operating tools' conventions, tools/ops/run-tool.ts).
 */
export async function runLocksCli(argv: readonly string[], io: CliIo, options: RunLocksOptions = {}): Promise<number> {
  return runOperatingTool(LOCKS_TOOL, io, async () => {
    const command = parseLocksArgs(argv);
    if (command.name === 'help') return 'help';
    return runCommand(command, contextFor(command, options), io);
  });
}
