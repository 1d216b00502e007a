import * as fs from 'node:fs';
import { startCommand, type CommandResult, type RunOptions } from '../terraform/run';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const upper = sorted[Math.floor(sorted.length / 2)];
  const lower = sorted[Math.ceil(sorted.length / 2) - 1];
  if (upper === undefined || lower === undefined) throw new Error('median of nothing');
  return (lower + upper) / 2;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function ratio(value: number, base: number): string {
  return `${(value / base).toFixed(2)}x`;
}

/** Fails the benchmark with the command's output instead of timing a broken run. */
export function succeeded(result: CommandResult): CommandResult {
  if (result.exitCode !== 0) {
    throw new Error(`${result.command} exited with ${result.exitCode}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent PID; the command name (field 2) may contain spaces.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  return children;
}

function residentBytes(pid: number): number {
  try {
    const pages = Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return pages * 4096;
  } catch {
    return 0;
  }
}

/** Resident memory of a process and all its descendants right now (Linux /proc). */
export function treeResidentBytes(root: number): number {
  const children = childrenByParent();
  let total = 0;
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    total += residentBytes(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface MeasuredRun {
  readonly result: CommandResult;
  /** Highest sum of resident memory over the whole process tree, sampled every 50 ms. */
  readonly peakBytes: number;
}

/** Runs a command and samples the memory of its whole process tree (workers included). */
export async function runMeasured(command: string, args: readonly string[], options: RunOptions): Promise<MeasuredRun> {
  const started = startCommand(command, args, options);
  let peakBytes = 0;
  const sampler = setInterval(() => {
    if (started.pid !== undefined) peakBytes = Math.max(peakBytes, treeResidentBytes(started.pid));
  }, 50);
  try {
    return { result: await started.result, peakBytes };
  } finally {
    clearInterval(sampler);
  }
}
