import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

/** A process's command line (Linux: /proc; elsewhere: ps), or undefined when it cannot be read. */
export function commandLine(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    const ps = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8', timeout: 2_000 });
    const args = ps.status === 0 ? ps.stdout.trim() : '';
    return args === '' ? undefined : args;
  }
}

/**
 * Whether a process is alive. A zombie (exited, not yet reaped) counts as gone: a detached
 * emulator is re-parented to PID 1 when its starter exits, and in a container PID 1 may never
 * reap it after it is stopped.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
  try {
    // "pid (comm) state ...": comm may contain spaces and parentheses.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): signal 0 succeeded
  }
}

/**
 * Whether `pid` is still the moto_server serving `endpoint`: alive, and its command line names
 * moto_server and the port. A PID the system has handed to another process since is not.
 */
export function isEmulatorProcess(pid: number, endpoint: string): boolean {
  if (!processAlive(pid)) return false;
  const args = commandLine(pid);
  const port = new URL(endpoint).port;
  return args !== undefined && args.includes('moto_server') && args.split(' ').includes(port);
}

async function gone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !processAlive(pid);
}

/** Stops `pid`: SIGTERM, then SIGKILL if it is still there after `timeoutMs`. */
export async function stopProcess(pid: number, timeoutMs = 5_000): Promise<'stopped' | 'killed'> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return 'stopped'; // already gone
  }
  if (await gone(pid, timeoutMs)) return 'stopped';
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
  await gone(pid, timeoutMs);
  return 'killed';
}
