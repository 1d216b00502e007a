import * as fs from 'node:fs';
import * as path from 'node:path';
import { EMULATOR_BOOTSTRAP_STATE_FILE } from '../../app/emulator-endpoint';
import type { ProjectConfig } from '../../config/types';
import { validateProject, type ValidProject } from '../../naming/project';
import { stateAccountClients, type AwsClients } from '../aws/clients';
import { copyProject, projectConfigSource, writeProjectConfig } from '../project-copy';
import { runCommand, startCommand, terraform, type CommandResult, type StartedCommand } from '../terraform/run';
import { CommandOverlap, isStateLockRefusal, releaseOwnLocks } from './own-lock-refusal';

/** Every command of every scratch project in this process (one emulator per test file). */
const overlap = new CommandOverlap();

export interface ScratchProjectOptions {
  /** The project to copy (its config, code and node_modules). */
  readonly source: string;
  readonly directory: string;
  /** Environment with this run's Terraform CLI configuration (see prepareTerraform). */
  readonly terraformEnv: NodeJS.ProcessEnv;
  /** AWS_ENDPOINT_URL of the emulator. */
  readonly endpoint: string;
  /** Written to the copy's config/project.ts. */
  readonly config: ProjectConfig;
}

/**
 * A copy of the project in a scratch directory, aimed at an emulator, driven the way a user
 * drives it: `cdktf synth/deploy/diff/destroy`, or plain `terraform` in a stack's directory.
 */
export class ScratchProject {
  readonly directory: string;
  readonly env: NodeJS.ProcessEnv;
  project: ValidProject;
  readonly aws: AwsClients;

  constructor(options: ScratchProjectOptions) {
    this.directory = copyProject(options.source, options.directory);
    writeProjectConfig(this.directory, projectConfigSource(options.config));
    this.env = {
      ...options.terraformEnv,
      AWS_ENDPOINT_URL: options.endpoint,
      // The cdktf CLI's progress display is for terminals; CI mode prints plain lines.
      CI: '1',
      FORCE_COLOR: '0',
    };
    this.project = validateProject(options.config);
    this.aws = stateAccountClients(this.project, this.env);
  }

  /** Replaces the configuration (e.g. to switch locking mode); the next cdktf command synthesizes it. */
  reconfigure(config: ProjectConfig): void {
    writeProjectConfig(this.directory, projectConfigSource(config));
    this.project = validateProject(config);
  }

  /** `npx cdktf <args>` in the project directory (with `env` changes; undefined unsets, e.g. CI as in a terminal). */
  cdktf(args: readonly string[], timeoutMs = 600_000, env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
    const cli = path.join(this.directory, 'node_modules', '.bin', 'cdktf');
    return this.run(() => runCommand(cli, args, { cwd: this.directory, env: this.envWith(env), timeoutMs }));
  }

  /**
   * Runs a command to completion. If it was refused by a lock that only it can have taken (see
   * own-lock-refusal.ts: the SDK retried Terraform's lock write after the emulator had stored it),
   * releases that lock with the lock tool, says so on stderr, and runs the command once more.
   */
  private async run(command: () => Promise<CommandResult>, retry = true): Promise<CommandResult> {
    const startedAt = new Date();
    const tracked = overlap.begin();
    let result: CommandResult;
    try {
      result = await command();
    } finally {
      tracked.end();
    }
    if (!retry || !isStateLockRefusal(result) || tracked.overlapped()) return result;
    let released: string[];
    try {
      released = await releaseOwnLocks(this.project, this.env, startedAt);
    } catch {
      return result;
    }
    if (released.length === 0) return result;
    process.stderr.write(
      `${result.command}: refused by a lock created after it started while nothing else ran (its own, written twice when the AWS SDK retries): released ${released.join(', ')} with the lock tool, running it again\n`,
    );
    return this.run(command, false);
  }

  /** This project's environment with `changes` applied; an undefined value removes the variable. */
  envWith(changes: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const merged = { ...this.env, ...changes };
    return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  }

  /** Like cdktf(), with a handle to kill the command (and its terraform and provider processes) before it ends. */
  startCdktf(args: readonly string[], timeoutMs = 600_000): StartedCommand {
    const cli = path.join(this.directory, 'node_modules', '.bin', 'cdktf');
    const tracked = overlap.begin();
    const started = startCommand(cli, args, { cwd: this.directory, env: this.env, timeoutMs });
    started.result.then(tracked.end, tracked.end);
    return started;
  }

  /**
   * `cdktf deploy <stacks>` non-interactively. The committed provider lock spares cdktf its
   * `terraform providers lock`, except with --migrate-state, where it always runs it and offline
   * that fails: only then --skip-provider-lock.
   */
  deploy(
    stacks: readonly string[],
    extraArgs: readonly string[] = [],
    env: NodeJS.ProcessEnv = {},
  ): Promise<CommandResult> {
    const skipLock = extraArgs.includes('--migrate-state') ? ['--skip-provider-lock'] : [];
    return this.cdktf(['deploy', ...stacks, '--auto-approve', ...skipLock, ...extraArgs], 600_000, env);
  }

  /** The directory cdktf synthesizes a stack into (and runs terraform in). */
  stackDirectory(stack: string): string {
    return path.join(this.directory, 'cdktf.out', 'stacks', stack);
  }

  /** Plain `terraform <args>` in a stack's directory (after cdktf has initialized it). */
  terraform(stack: string, args: readonly string[], timeoutMs = 600_000): Promise<CommandResult> {
    return this.terraformIn(this.stackDirectory(stack), args, timeoutMs);
  }

  /** Plain `terraform <args>` in any directory, with this project's environment (and its lock handling, see run()). */
  terraformIn(directory: string, args: readonly string[], timeoutMs = 600_000): Promise<CommandResult> {
    return this.run(() => terraform(args, { cwd: directory, env: this.env, timeoutMs }));
  }

  /**
   * The app command of cdktf.json (`node scripts/run-app.js main.ts`), run the way `cdktf synth`
   * runs it, without the CLI around it (about 4 s of CPU less): writes every stack to cdktf.out.
   */
  synth(): Promise<CommandResult> {
    return runCommand(process.execPath, ['scripts/run-app.js', 'main.ts'], {
      cwd: this.directory,
      env: this.env,
      timeoutMs: 120_000,
    });
  }

  get bootstrapStateFile(): string {
    return path.join(this.directory, EMULATOR_BOOTSTRAP_STATE_FILE);
  }

  remove(): void {
    fs.rmSync(this.directory, { recursive: true, force: true });
  }
}
