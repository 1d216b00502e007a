import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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

/** A long duration as people read it: "8 min 32 s" (seconds() below a minute). */
export function minutes(ms: number): string {
  if (ms < 60_000) return seconds(ms);
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)} min ${total % 60} s`;
}

export const GIB = 1024 ** 3;

export function gibibytes(bytes: number): string {
  return `${(bytes / GIB).toFixed(2)} GiB`;
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
  /** Highest sum of resident memory over the whole process tree, sampled every `sampleMs`. */
  readonly peakBytes: number;
  /**
   * User + system CPU time of the command and of every descendant that was waited for (the
   * kernel adds a child's CPU time to its parent's when the parent reaps it): the whole tree,
   * except processes orphaned before they ended.
   */
  readonly cpuMs: number;
}

/**
 * The command runs under bash, which reports its children's CPU time with the `times` builtin
 * once the command has ended: its second line is the children's user and system time.
 */
const CPU_WRAPPER = 'times_file=$1; shift; "$@"; status=$?; times > "$times_file"; exit $status';

/** Milliseconds of CPU in the output of bash's `times` ("0m1.250s 0m0.031s" per line), all lines summed. */
export function parseShellTimes(text: string): number {
  let ms = 0;
  for (const [, min = '0', sec = '0', fraction = ''] of text.matchAll(/(\d+)m(\d+)(?:[.,](\d+))?s/g)) {
    ms += (Number(min) * 60 + Number(sec)) * 1000 + Math.round(Number(`0.${fraction || '0'}`) * 1000);
  }
  return ms;
}

export interface MeasureOptions {
  /** How often the process tree's memory is sampled; each sample reads /proc. Default 50 ms. */
  readonly sampleMs?: number;
}

/** Runs a command and measures its whole process tree (workers included): peak memory and CPU time. */
export async function runMeasured(
  command: string,
  args: readonly string[],
  options: RunOptions,
  { sampleMs = 50 }: MeasureOptions = {},
): Promise<MeasuredRun> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cpu-'));
  const timesFile = path.join(directory, 'times');
  const started = startCommand('bash', ['-c', CPU_WRAPPER, 'bench-cpu', timesFile, command, ...args], options);
  let peakBytes = 0;
  const sampler = setInterval(() => {
    if (started.pid !== undefined) peakBytes = Math.max(peakBytes, treeResidentBytes(started.pid));
  }, sampleMs);
  try {
    const result = { ...(await started.result), command: [command, ...args].join(' ') };
    const times = fs.existsSync(timesFile) ? fs.readFileSync(timesFile, 'utf8') : '';
    return { result, peakBytes, cpuMs: parseShellTimes(times) };
  } finally {
    clearInterval(sampler);
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
