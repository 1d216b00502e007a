import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCommand } from '../terraform/run';
import { median, ratio, seconds, succeeded } from './measure';
import { atMost, type TargetCheck } from './targets';

export interface SynthBenchResult {
  readonly appCommand: string;
  readonly floorMs: number;
  readonly appMs: number;
  readonly ratio: number;
}

/** The cdktf.json app command, split into program and arguments. */
export function appCommand(root: string): string[] {
  const { app } = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')) as { app: string };
  return app.split(/\s+/);
}

/** The app command as a program to run: `node` is this Node.js. */
export function appProgram(root: string): { readonly program: string; readonly args: readonly string[] } {
  const [program = 'node', ...args] = appCommand(root);
  return { program: program === 'node' ? process.execPath : program, args };
}

/** This process's environment without AWS_ENDPOINT_URL: the synth of a user aiming at AWS. */
export function synthEnv(): NodeJS.ProcessEnv {
  const { AWS_ENDPOINT_URL: _real, ...env } = process.env;
  return env;
}

/**
 * The synth app (all stacks, written to disk) against the floor `node -e "require('cdktf')"`,
 * run back to back, alternating, so both see the same machine load.
 */
export async function benchSynth(root: string, runs: number): Promise<SynthBenchResult> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  const env = synthEnv();
  const { program, args } = appProgram(root);
  const app = () => runCommand(program, args, { cwd: root, env: { ...env, CDKTF_OUTDIR: outdir } });
  const floor = () => runCommand(process.execPath, ['-e', "require('cdktf')"], { cwd: root, env });
  try {
    // Warm-up: file cache, and the app's bundle (rebuilt only when sources change).
    succeeded(await app());
    succeeded(await floor());
    const appTimes: number[] = [];
    const floorTimes: number[] = [];
    for (let run = 0; run < runs; run++) {
      floorTimes.push(succeeded(await floor()).durationMs);
      appTimes.push(succeeded(await app()).durationMs);
    }
    const result = {
      appCommand: appCommand(root).join(' '),
      floorMs: median(floorTimes),
      appMs: median(appTimes),
      ratio: 0,
    };
    return { ...result, ratio: result.appMs / result.floorMs };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

export function describeSynth(result: SynthBenchResult): string[] {
  return [
    `floor  node -e "require('cdktf')"   ${seconds(result.floorMs)}`,
    `app    ${result.appCommand}   ${seconds(result.appMs)}   ${ratio(result.appMs, result.floorMs)} the floor (target <= 1.5x)`,
  ];
}

export function synthTargets(result: SynthBenchResult): TargetCheck[] {
  return [
    {
      figure: 'synth app vs require floor',
      measured: ratio(result.appMs, result.floorMs),
      target: '<= 1.5x',
      verdict: atMost(result.ratio, 1.5),
    },
  ];
}
