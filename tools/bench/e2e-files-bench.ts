import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { minutes, runMeasured } from './measure';
import { parseJestSummary, type JestSummary } from './suite-bench';

/** What one e2e file costs when it runs alone, and how often it runs terraform. */
export interface E2eFileProfile {
  /** Relative to the project root, e.g. __tests__/e2e/deploy-flow.test.ts. */
  readonly file: string;
  readonly exitCode: number;
  readonly wallMs: number;
  /** Every process of the run: jest, the cdktf CLI, terraform and its providers, moto. */
  readonly cpuMs: number;
  readonly summary?: JestSummary;
  readonly terraform: TerraformRunCounts;
}

export interface TerraformRunCounts {
  readonly init: number;
  readonly plan: number;
  readonly apply: number;
  /** Any other subcommand (version, output, state, import, destroy, providers, ...). */
  readonly other: number;
  /** `terraform apply` runs in a bootstrap stack's directory: deploys of a bootstrap. */
  readonly bootstrapApplies: number;
  /** `terraform apply` runs per environment stack (directory name), e.g. { dev: 3 }. */
  readonly environmentApplies: Readonly<Record<string, number>>;
}

/** The e2e test files, relative to `root`, in name order. */
export function e2eTestFiles(root: string): string[] {
  const directory = path.join(root, '__tests__', 'e2e');
  return fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => path.join('__tests__', 'e2e', name));
}

/**
 * A `terraform` on PATH ahead of the real one that appends one line per run (its directory and
 * arguments) to $BENCH_TERRAFORM_LOG, then becomes the real terraform (exec: same process, same
 * signals, so a test that kills a run kills terraform itself). Written before the run starts, so
 * a run that is killed still counts.
 */
export function terraformCounterScript(realTerraform: string): string {
  return [
    '#!/usr/bin/env bash',
    'printf \'%s\\t%s\\n\' "$PWD" "$*" >> "$BENCH_TERRAFORM_LOG"',
    `exec ${JSON.stringify(realTerraform)} "$@"`,
    '',
  ].join('\n');
}

/** The subcommand of a terraform command line: the first argument that is not a global option (-chdir=...). */
function subcommandOf(args: string): { subcommand: string; chdir?: string } {
  const words = args.split(/\s+/).filter((word) => word.length > 0);
  const chdir = words.find((word) => word.startsWith('-chdir='))?.slice('-chdir='.length);
  const subcommand = words.find((word) => !word.startsWith('-')) ?? '';
  return { subcommand, ...(chdir !== undefined && { chdir }) };
}

/** Counts the runs in a log written by terraformCounterScript (lines: directory TAB arguments). */
export function countTerraformRuns(log: string): TerraformRunCounts {
  let init = 0;
  let plan = 0;
  let apply = 0;
  let other = 0;
  let bootstrapApplies = 0;
  const environmentApplies: Record<string, number> = {};
  for (const line of log.split('\n')) {
    if (line.trim() === '') continue;
    const tab = line.indexOf('\t');
    const cwd = tab < 0 ? line : line.slice(0, tab);
    const { subcommand, chdir } = subcommandOf(tab < 0 ? '' : line.slice(tab + 1));
    if (subcommand === 'init') init++;
    else if (subcommand === 'plan') plan++;
    else if (subcommand === 'apply') apply++;
    else other++;
    if (subcommand !== 'apply') continue;
    const directory = chdir === undefined ? cwd : path.resolve(cwd, chdir);
    // cdktf runs each stack's terraform in cdktf.out/stacks/<stack>; the bootstrap is the stack named so.
    if (path.basename(path.dirname(directory)) !== 'stacks') continue;
    const stack = path.basename(directory);
    if (stack === 'bootstrap') bootstrapApplies++;
    else environmentApplies[stack] = (environmentApplies[stack] ?? 0) + 1;
  }
  return { init, plan, apply, other, bootstrapApplies, environmentApplies };
}

function whichTerraform(env: NodeJS.ProcessEnv): string {
  for (const directory of (env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(directory, 'terraform');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error('terraform is not on PATH');
}

/**
 * Each e2e file alone (`jest --selectProjects e2e <file>`, one worker), one after another: wall,
 * CPU of the whole process tree, jest's counts, and the terraform runs it made. Alone, so the
 * figures are the file's own (with whatever it shares, e.g. a deployment made for several files,
 * paid in full).
 */
export async function benchE2eFiles(
  root: string,
  files: readonly string[] = e2eTestFiles(root),
): Promise<E2eFileProfile[]> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-e2e-files-'));
  try {
    const shims = path.join(directory, 'bin');
    fs.mkdirSync(shims);
    fs.writeFileSync(path.join(shims, 'terraform'), terraformCounterScript(whichTerraform(process.env)), {
      mode: 0o755,
    });
    const profiles: E2eFileProfile[] = [];
    for (const [index, file] of files.entries()) {
      const log = path.join(directory, `terraform-${index}.log`);
      fs.writeFileSync(log, '');
      const { result, cpuMs } = await runMeasured(
        process.execPath,
        [
          path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
          '--selectProjects',
          'e2e',
          '--runTestsByPath',
          file,
        ],
        {
          cwd: root,
          env: { ...process.env, PATH: `${shims}${path.delimiter}${process.env.PATH ?? ''}`, BENCH_TERRAFORM_LOG: log },
        },
        { sampleMs: 1_000 },
      );
      const summary = parseJestSummary(`${result.stderr}\n${result.stdout}`);
      profiles.push({
        file,
        exitCode: result.exitCode,
        wallMs: result.durationMs,
        cpuMs,
        ...(summary !== undefined && { summary }),
        terraform: countTerraformRuns(fs.readFileSync(log, 'utf8')),
      });
    }
    return profiles;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

function environments(applies: Readonly<Record<string, number>>): string {
  const entries = Object.entries(applies).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '-' : entries.map(([stack, count]) => `${stack} ${count}`).join(', ');
}

/** The per-file table (Markdown, for docs/speed.md), the costliest file first, then the totals. */
export function describeE2eFiles(profiles: readonly E2eFileProfile[]): string[] {
  const sorted = [...profiles].sort((a, b) => b.wallMs - a.wallMs);
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const total = (pick: (profile: E2eFileProfile) => number) => profiles.reduce((sum, p) => sum + pick(p), 0);
  const lines = [
    row(['File', 'Tests', 'Wall', 'CPU', 'init', 'plan', 'apply', 'other', 'Bootstrap applies', 'Environment applies']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
    ...sorted.map((profile) =>
      row([
        path.basename(profile.file),
        profile.exitCode === 0
          ? String(profile.summary?.tests.total ?? '?')
          : `FAILED (exit ${profile.exitCode}${profile.summary ? `, ${profile.summary.tests.failed} failed` : ''})`,
        minutes(profile.wallMs),
        minutes(profile.cpuMs),
        String(profile.terraform.init),
        String(profile.terraform.plan),
        String(profile.terraform.apply),
        String(profile.terraform.other),
        String(profile.terraform.bootstrapApplies),
        environments(profile.terraform.environmentApplies),
      ]),
    ),
    row([
      `**${profiles.length} files**`,
      String(total((p) => p.summary?.tests.total ?? 0)),
      minutes(total((p) => p.wallMs)),
      minutes(total((p) => p.cpuMs)),
      String(total((p) => p.terraform.init)),
      String(total((p) => p.terraform.plan)),
      String(total((p) => p.terraform.apply)),
      String(total((p) => p.terraform.other)),
      String(total((p) => p.terraform.bootstrapApplies)),
      String(total((p) => Object.values(p.terraform.environmentApplies).reduce((sum, n) => sum + n, 0))),
    ]),
  ];
  return lines;
}

/** The text summary printed with the table: the costliest file, by wall and by CPU. */
export function costliestE2eFile(profiles: readonly E2eFileProfile[]): string[] {
  const costliest = (pick: (profile: E2eFileProfile) => number) =>
    profiles.reduce<E2eFileProfile | undefined>(
      (top, p) => (top === undefined || pick(p) > pick(top) ? p : top),
      undefined,
    );
  const byWall = costliest((p) => p.wallMs);
  const byCpu = costliest((p) => p.cpuMs);
  if (byWall === undefined || byCpu === undefined) return [];
  return [
    `Costliest alone: ${path.basename(byWall.file)} by wall (${minutes(byWall.wallMs)}), ${path.basename(byCpu.file)} by CPU (${minutes(byCpu.cpuMs)}).`,
  ];
}
