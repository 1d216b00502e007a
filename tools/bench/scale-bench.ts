// Many environments, flat cost per environment (issue 10 item 4): synth, the bootstrap's plan and
// a parallel deploy, each for configurations generated in scratch copies of the project.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProjectConfig } from '../../config/types';
import { startEmulator } from '../emulator/moto';
import { checkPrerequisites } from '../emulator/prerequisites';
import { ScratchProject } from '../emulator/scratch-project';
import { copyProject, projectConfigSource, writeProjectConfig } from '../project-copy';
import { prepareTerraform } from '../terraform/setup';
import { readLockAudit } from './lock-audit';
import { median, runMeasured, succeeded, type MeasuredRun } from './measure';
import {
  bootstrapInventory,
  resourceCount,
  type BootstrapInventory,
  type ScaleDeployFigures,
  type ScalePlanPoint,
  type ScaleResult,
  type ScaleSynthPoint,
} from './scale-figures';
import {
  deployRounds,
  numberedNames,
  roundEnvironments,
  scaleConfig,
  SCALE_WORKLOAD,
  SCALE_WORKLOAD_FILE,
} from './scale-config';
import { appProgram, synthEnv } from './synth-bench';

export interface ScaleBenchOptions {
  /** Environment counts for synth and plan, ascending. */
  readonly counts: readonly number[];
  /** Synth and plan runs per count. */
  readonly runs: number;
  /** Deploy rounds: one environment, then `parallel` at once. */
  readonly deploys: number;
  readonly parallel: number;
}

/** The scale workload copied into a scratch copy's workloads/, where the configuration names it. */
function addScaleWorkload(root: string, projectDirectory: string): void {
  fs.copyFileSync(
    path.join(root, SCALE_WORKLOAD_FILE),
    path.join(projectDirectory, 'workloads', `${SCALE_WORKLOAD}.ts`),
  );
}

function stacksWritten(outdir: string): number {
  return fs.readdirSync(path.join(outdir, 'stacks')).length;
}

/**
 * The app command of a copy per count, round after round (each round runs every count once, so
 * they all see the same machine load), after a warm-up run each that also bundles the copy's app.
 */
async function benchScaleSynth(root: string, workDir: string, options: ScaleBenchOptions): Promise<ScaleSynthPoint[]> {
  const env = synthEnv();
  const copies = options.counts.map((count) => {
    const directory = copyProject(root, path.join(workDir, `synth-${count}`));
    writeProjectConfig(
      directory,
      projectConfigSource(scaleConfig(`scale-synth-${count}`, numberedNames('env', count))),
    );
    addScaleWorkload(root, directory);
    return { count, directory, outdir: path.join(workDir, `synth-${count}.out`) };
  });
  const { program, args } = appProgram(root);
  const synth = async (copy: (typeof copies)[number]): Promise<MeasuredRun> => {
    const measured = await runMeasured(program, args, {
      cwd: copy.directory,
      env: { ...env, CDKTF_OUTDIR: copy.outdir },
    });
    succeeded(measured.result);
    return measured;
  };
  for (const copy of copies) {
    await synth(copy);
    const stacks = stacksWritten(copy.outdir);
    if (stacks !== copy.count + 1) throw new Error(`the app wrote ${stacks} stacks for ${copy.count} environments`);
  }
  const walls = copies.map((): number[] => []);
  const peaks = copies.map((): number[] => []);
  for (let run = 0; run < options.runs; run++) {
    for (const [index, copy] of copies.entries()) {
      const { result, peakBytes } = await synth(copy);
      walls[index]?.push(result.durationMs);
      peaks[index]?.push(peakBytes);
    }
  }
  return copies.map((copy, index) => ({
    environments: copy.count,
    wallMs: median(walls[index] ?? []),
    peakBytes: median(peaks[index] ?? []),
  }));
}

interface EmulatorRun {
  readonly workDir: string;
  readonly endpoint: string;
  readonly terraformEnv: NodeJS.ProcessEnv;
}

function scratchProject(root: string, run: EmulatorRun, name: string, config: ProjectConfig): ScratchProject {
  const project = new ScratchProject({
    source: root,
    directory: path.join(run.workDir, name),
    config,
    endpoint: run.endpoint,
    terraformEnv: run.terraformEnv,
  });
  addScaleWorkload(root, project.directory);
  return project;
}

interface PlanProject {
  readonly count: number;
  readonly project: ScratchProject;
  readonly inventory: BootstrapInventory;
}

/** "Plan: 108 to add, 0 to change, 0 to destroy." */
function plannedToAdd(output: string): number | undefined {
  const match = /Plan: (\d+) to add/.exec(output);
  return match === null ? undefined : Number(match[1]);
}

/**
 * The bootstrap's `terraform plan` with an empty local state (a first deploy's plan), against
 * the emulator and without refresh: nothing exists yet, so this is Terraform's and the provider's
 * own work on the configuration, which is what grows with the environments.
 */
async function benchScalePlan(root: string, run: EmulatorRun, options: ScaleBenchOptions): Promise<ScalePlanPoint[]> {
  const projects: PlanProject[] = [];
  for (const count of options.counts) {
    const project = scratchProject(
      root,
      run,
      `plan-${count}`,
      scaleConfig(`scale-plan-${count}`, numberedNames('env', count)),
    );
    succeeded(await project.cdktf(['synth']));
    succeeded(await project.terraform('bootstrap', ['init', '-input=false']));
    const stack = JSON.parse(fs.readFileSync(path.join(project.stackDirectory('bootstrap'), 'cdk.tf.json'), 'utf8'));
    projects.push({ count, project, inventory: bootstrapInventory(stack) });
  }
  const plan = async (entry: PlanProject): Promise<number> => {
    const result = succeeded(await entry.project.terraform('bootstrap', ['plan', '-refresh=false', '-input=false']));
    const planned = plannedToAdd(result.stdout);
    if (planned !== resourceCount(entry.inventory)) {
      throw new Error(`the plan of ${entry.count} environments adds ${planned}, not ${resourceCount(entry.inventory)}`);
    }
    return result.durationMs;
  };
  // Warm-up: the provider binary (hundreds of MB) into the file cache.
  if (projects[0] !== undefined) await plan(projects[0]);
  const times = projects.map((): number[] => []);
  for (let round = 0; round < options.runs; round++) {
    for (const [index, entry] of projects.entries()) times[index]?.push(await plan(entry));
  }
  return projects.map((entry, index) => ({
    environments: entry.count,
    inventory: entry.inventory,
    runsMs: times[index] ?? [],
  }));
}

/** `cdktf deploy <stacks> --auto-approve <extra>`, with the whole process tree measured. */
async function deployMeasured(
  project: ScratchProject,
  stacks: readonly string[],
  extra: readonly string[] = [],
): Promise<MeasuredRun> {
  const cli = path.join(project.directory, 'node_modules', '.bin', 'cdktf');
  const measured = await runMeasured(cli, ['deploy', ...stacks, '--auto-approve', ...extra], {
    cwd: project.directory,
    env: project.env,
    timeoutMs: 1_800_000,
  });
  succeeded(measured.result);
  return measured;
}

/**
 * One bootstrap, then rounds of first deploys: one environment alone, then `parallel` others with
 * cdktf's --parallelism. Afterwards the lock table and the bucket say whether every lock was
 * taken and released.
 */
async function benchScaleDeploy(
  root: string,
  run: EmulatorRun,
  options: ScaleBenchOptions,
): Promise<ScaleDeployFigures> {
  const rounds = deployRounds(options.deploys, options.parallel);
  const environments = roundEnvironments(rounds);
  const project = scratchProject(root, run, 'deploy', scaleConfig('scale-deploy', environments));
  await deployMeasured(project, ['bootstrap']);
  const singles: number[] = [];
  const parallels: number[] = [];
  const peaks: number[] = [];
  for (const round of rounds) {
    singles.push((await deployMeasured(project, [round.single])).result.durationMs);
    const { result, peakBytes } = await deployMeasured(project, round.parallel, [
      '--parallelism',
      String(options.parallel),
    ]);
    parallels.push(result.durationMs);
    peaks.push(peakBytes);
  }
  return {
    parallel: options.parallel,
    rounds: rounds.length,
    singleMs: median(singles),
    parallelMs: median(parallels),
    parallelPeakBytes: median(peaks),
    audit: await readLockAudit(project.aws, project.project, environments),
  };
}

export async function benchScale(root: string, options: ScaleBenchOptions): Promise<ScaleResult> {
  checkPrerequisites({ needEmulator: true, needMirror: true });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
  try {
    const synth = await benchScaleSynth(root, workDir, options);
    const setup = await prepareTerraform(path.join(workDir, 'terraform'));
    const emulator = await startEmulator({ logDirectory: workDir });
    try {
      const run = { workDir, endpoint: emulator.endpoint, terraformEnv: setup.env };
      const plan = await benchScalePlan(root, run, options);
      const deploy = await benchScaleDeploy(root, run, options);
      return { synth, plan, deploy };
    } finally {
      await emulator.stop();
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
