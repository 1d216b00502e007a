import * as path from 'node:path';
import { runCommand, type CommandResult } from '../terraform/run';
import type { NodeRuntime } from './node-runtime';

export interface CliRun {
  readonly projectDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/** `npx cdktf <args>` in a project directory (a copy on cdktf). */
export function runCdktf(args: readonly string[], run: CliRun): Promise<CommandResult> {
  const cli = path.join(run.projectDir, 'node_modules', '.bin', 'cdktf');
  return runCommand(cli, args, { cwd: run.projectDir, env: run.env, timeoutMs: run.timeoutMs ?? 600_000 });
}

/**
 * `npx cdktn <args>` in a project directory migrated to CDK Terrain, on `runtime`. Its directory
 * goes first on PATH, so the app command the CLI starts (`node scripts/run-app.js main.ts`) runs
 * on the same Node.js, as on the machine of a user who moved.
 */
export function runCdktn(runtime: NodeRuntime, args: readonly string[], run: CliRun): Promise<CommandResult> {
  const cli = path.join(run.projectDir, 'node_modules', 'cdktn-cli', 'bin', 'cdktn');
  const env = { ...run.env, PATH: [path.dirname(runtime.node), run.env.PATH ?? ''].join(path.delimiter) };
  return runCommand(runtime.node, [cli, ...args], {
    cwd: run.projectDir,
    env,
    timeoutMs: run.timeoutMs ?? 600_000,
  });
}
