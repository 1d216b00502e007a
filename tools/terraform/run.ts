import { spawn } from 'node:child_process';

export interface CommandResult {
  readonly command: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Kill the command after this long (it then fails with exit code -1). */
  readonly timeoutMs?: number;
}

/** A command started in its own process group, so it can be killed with its children. */
export interface StartedCommand {
  /** Undefined when the command could not be started (`result` then rejects). */
  readonly pid: number | undefined;
  readonly result: Promise<CommandResult>;
  /** Sends a signal to the whole process group (the command and, e.g., its provider plugins). */
  kill(signal: NodeJS.Signals): void;
}

/** Runs a command to completion and captures its output; never throws on a non-zero exit. */
export function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return startCommand(command, args, options).result;
}

export function startCommand(command: string, args: readonly string[], options: RunOptions): StartedCommand {
  const started = Date.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const result = new Promise<CommandResult>((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => kill('SIGKILL'), options.timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({
        command: [command, ...args].join(' '),
        exitCode: code ?? -1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        durationMs: Date.now() - started,
      });
    });
  });
  return { pid: child.pid, result, kill };
}

/** `terraform <args>` with -no-color, so tests and tools can read its messages. */
export function terraform(args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return startTerraform(args, options).result;
}

export function startTerraform(args: readonly string[], options: RunOptions): StartedCommand {
  return startCommand('terraform', [...args, '-no-color'], options);
}
