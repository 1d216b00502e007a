import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The CLIs that run this app: cdktf, or its fork CDK Terrain (docs/cdk-terrain.md), whose arguments are the same. */
export type CdktfCli = 'cdktf' | 'cdktn';

/** The cdktf CLI command that runs this app, as far as it can be told. */
export interface CdktfCommand {
  /** Which CLI: the hint names it. */
  readonly cli: CdktfCli;
  /** deploy, diff, destroy, synth, ... */
  readonly command: string;
  /** The stack names or patterns given on its command line (none: the CLI picks, or refuses). */
  readonly stacks: readonly string[];
}

/** One process: its parent and its arguments. */
export interface ProcessInfo {
  readonly parent: number;
  readonly argv: readonly string[];
}

export type ProcessReader = (pid: number) => ProcessInfo | undefined;

// cdktf options that take a value as the next argument (the rest are flags).
const OPTIONS_WITH_VALUE = new Set([
  '--app',
  '-a',
  '--output',
  '-o',
  '--parallelism',
  '--terraform-parallelism',
  '--var',
  '--var-file',
  '--outputs-file',
  '--log-level',
]);

/** The command and stack arguments after the cdktf (or cdktn) executable in `argv`, if it is in it. */
export function parseCdktfArgv(argv: readonly string[]): CdktfCommand | undefined {
  const cli = argv.findIndex((arg, index) => index <= 1 && /^cdkt[fn](\.js)?$/.test(path.basename(arg)));
  if (cli === -1) return undefined;
  const name: CdktfCli = path.basename(argv[cli] ?? '').startsWith('cdktn') ? 'cdktn' : 'cdktf';
  const positionals: string[] = [];
  for (let index = cli + 1; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (OPTIONS_WITH_VALUE.has(arg)) index++;
      continue;
    }
    positionals.push(arg);
  }
  const [command, ...stacks] = positionals;
  return command === undefined ? undefined : { cli: name, command, stacks };
}

/** Linux: /proc; elsewhere: ps. Undefined when the process cannot be read. */
export const readProcess: ProcessReader = (pid) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { parent, argv };
  } catch {
    const ps = spawnSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8', timeout: 2_000 });
    const match = /^\s*(\d+)\s+(.*)$/.exec(ps.stdout?.trim() ?? '');
    return match ? { parent: Number(match[1]), argv: (match[2] ?? '').split(/\s+/) } : undefined;
  }
};

/**
 * The cdktf command among this process's ancestors. The CLI does not tell the app which stacks
 * it is about to work on (it synthesizes them all), so a hint meant for one stack reads them
 * from the CLI's own command line, a few levels up (CLI -> shell -> node app).
 */
export function cdktfCommand(
  read: ProcessReader = readProcess,
  start: number = process.ppid,
  levels = 4,
): CdktfCommand | undefined {
  let pid = start;
  for (let level = 0; level < levels && pid > 1; level++) {
    const info = read(pid);
    if (info === undefined) return undefined;
    const command = parseCdktfArgv(info.argv);
    if (command !== undefined) return command;
    pid = info.parent;
  }
  return undefined;
}
