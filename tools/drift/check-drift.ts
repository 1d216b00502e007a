import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ValidProject } from '../../naming/project';
import type { CommandResult, RunOptions } from '../terraform/run';
import { parsePlanJson, type PlanChanges } from './plan-report';

/** Runs a command to completion (tools/terraform/run.ts runCommand); tests pass a fake. */
export type CommandRunner = (command: string, args: readonly string[], options: RunOptions) => Promise<CommandResult>;

/** What a drift check runs with. */
export interface DriftContext {
  readonly project: ValidProject;
  /** The project directory: the app is synthesized there, as `cdktf synth` does. */
  readonly root: string;
  /** For the app and Terraform: AWS credentials, AWS_ENDPOINT_URL, TF_CLI_CONFIG_FILE, TF_CLI_ARGS_init... */
  readonly env: NodeJS.ProcessEnv;
  readonly run: CommandRunner;
}

export type DriftOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'drift'; readonly changes: PlanChanges }
  | { readonly kind: 'error'; readonly step: string; readonly result: CommandResult };

export interface DriftResult {
  readonly environment: string;
  readonly outcome: DriftOutcome;
  /** The plan as Terraform printed it (empty when it did not run). */
  readonly planOutput: string;
}

const SYNTH_TIMEOUT_MS = 5 * 60_000;
const TERRAFORM_TIMEOUT_MS = 60 * 60_000;

/** Where the app synthesizes: CDKTF_OUTPUT (what the cdktf CLI reads; emulator mode sets it), else cdktf.json's output. */
export function synthOutputDirectory(root: string, env: NodeJS.ProcessEnv): string {
  if (env.CDKTF_OUTPUT !== undefined && env.CDKTF_OUTPUT !== '') return path.resolve(root, env.CDKTF_OUTPUT);
  try {
    const { output } = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')) as { output?: unknown };
    if (typeof output === 'string' && output !== '') return path.resolve(root, output);
  } catch {
    // no cdktf.json: the cdktf default
  }
  return path.resolve(root, 'cdktf.out');
}

/**
 * Synthesizes the app, then in the environment's stack directory: `terraform init`, and
 * `terraform plan -detailed-exitcode` (with a refresh, which is what finds drift; the lock for the
 * plan's duration only; the plan to a file outside the project, read back with `terraform show
 * -json` and deleted). Nothing is applied and no state is written.
 */
export async function checkDrift(
  context: DriftContext,
  environment: string,
  lockTimeout: string,
): Promise<DriftResult> {
  const { root, env, run } = context;
  const outdir = synthOutputDirectory(root, env);
  const result = (outcome: DriftOutcome, planOutput = ''): DriftResult => ({ environment, outcome, planOutput });

  const synth = await run(process.execPath, [path.join(root, 'scripts', 'run-app.js'), 'main.ts'], {
    cwd: root,
    env: { ...env, CDKTF_OUTDIR: outdir },
    timeoutMs: SYNTH_TIMEOUT_MS,
  });
  if (synth.exitCode !== 0) return result({ kind: 'error', step: 'synth', result: synth });

  const stackDirectory = path.join(outdir, 'stacks', environment);
  const terraform = (args: readonly string[]) =>
    run('terraform', [...args, '-no-color'], { cwd: stackDirectory, env, timeoutMs: TERRAFORM_TIMEOUT_MS });
  const init = await terraform(['init', '-input=false']);
  if (init.exitCode !== 0) return result({ kind: 'error', step: 'terraform init', result: init });

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tfstate-drift-'));
  try {
    const planFile = path.join(scratch, `${environment}.tfplan`);
    const plan = await terraform([
      'plan',
      '-detailed-exitcode',
      '-input=false',
      `-lock-timeout=${lockTimeout}`,
      `-out=${planFile}`,
    ]);
    if (plan.exitCode === 0) return result({ kind: 'none' }, plan.stdout);
    if (plan.exitCode !== 2) return result({ kind: 'error', step: 'terraform plan', result: plan }, plan.stdout);
    const show = await terraform(['show', '-json', planFile]);
    if (show.exitCode !== 0) return result({ kind: 'error', step: 'terraform show', result: show }, plan.stdout);
    return result({ kind: 'drift', changes: parsePlanJson(show.stdout) }, plan.stdout);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
