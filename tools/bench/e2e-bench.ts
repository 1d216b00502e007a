import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectConfig } from '../../config/project';
import { environmentNames } from '../../naming/environments';
import { startEmulator } from '../emulator/moto';
import { checkPrerequisites } from '../emulator/prerequisites';
import { ScratchProject } from '../emulator/scratch-project';
import { prepareTerraform } from '../terraform/setup';
import { criticalPath, resourceDependencies, resourceDurations } from './critical-path';
import { median, ratio, seconds, succeeded } from './measure';
import { atMost, type TargetCheck } from './targets';

export interface E2eBenchResult {
  readonly runs: number;
  readonly bootstrapMs: number;
  /** The same bootstrap stack applied with plain terraform (init + apply), in a fresh project. */
  readonly plainBootstrapMs: number;
  readonly bootstrapCriticalPathMs: number;
  readonly criticalChain: readonly string[];
  readonly environmentsMs: number;
  readonly concurrencyMs: number;
  readonly concurrentRuns: number;
  readonly cdktfDeployMs: number;
  readonly terraformApplyMs: number;
  readonly terraformInitApplyMs: number;
}

const CONCURRENT_RUNS = 4;

function firstEnvironment(project: ScratchProject): string {
  const [first] = environmentNames(project.project);
  if (first === undefined) throw new Error('the configuration has no environment');
  return first;
}

/**
 * The emulator steps a user goes through, timed: bootstrap, dev+prod, concurrent runs on one
 * state; and the cost of cdktf deploy over plain terraform apply of the same synthesized stack.
 */
export async function benchE2e(root: string, runs: number, overheadRuns: number): Promise<E2eBenchResult> {
  checkPrerequisites({ needEmulator: true, needMirror: true });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-e2e-'));
  const setup = await prepareTerraform(path.join(workDir, 'terraform'));
  const emulator = await startEmulator({ logDirectory: workDir });
  try {
    const bootstrap: number[] = [];
    const plainBootstrap: number[] = [];
    const paths: Array<ReturnType<typeof criticalPath>> = [];
    const environments: number[] = [];
    const concurrency: number[] = [];
    let last: ScratchProject | undefined;
    for (let run = 1; run <= runs; run++) {
      const scratch = (name: string) =>
        new ScratchProject({
          source: root,
          directory: path.join(workDir, name),
          config: { ...projectConfig, project: name },
          endpoint: emulator.endpoint,
          terraformEnv: setup.env,
        });

      // Plain terraform on the same synthesized bootstrap, for what Terraform alone costs.
      const plain = scratch(`plain-${run}`);
      succeeded(await plain.cdktf(['synth']));
      const init = succeeded(await plain.terraform('bootstrap', ['init', '-input=false'])).durationMs;
      plainBootstrap.push(
        init + succeeded(await plain.terraform('bootstrap', ['apply', '-auto-approve', '-input=false'])).durationMs,
      );

      const project = scratch(`bench-${run}`);
      const deployed = succeeded(await project.deploy(['bootstrap']));
      bootstrap.push(deployed.durationMs);
      const stack = JSON.parse(fs.readFileSync(path.join(project.stackDirectory('bootstrap'), 'cdk.tf.json'), 'utf8'));
      paths.push(criticalPath(resourceDurations(deployed.stdout), resourceDependencies(stack)));

      const envs = environmentNames(project.project);
      environments.push(succeeded(await project.deploy(envs)).durationMs);

      const first = firstEnvironment(project);
      const list = succeeded(await project.terraform(first, ['state', 'list'])).stdout.split('\n');
      const workload = list.find((address) => address.startsWith('aws_s3_bucket.'));
      if (workload === undefined) throw new Error(`no workload bucket in the ${first} state`);
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: CONCURRENT_RUNS }, () =>
          project.terraform(first, [
            'apply',
            '-auto-approve',
            '-input=false',
            '-lock-timeout=600s',
            `-replace=${workload}`,
          ]),
        ),
      );
      results.forEach(succeeded);
      concurrency.push(Date.now() - started);
      last = project;
    }

    // Same stack, same (no-op) work, alternating: cdktf deploy vs terraform apply in its directory.
    if (last === undefined) throw new Error('no runs');
    const project = last;
    const environment = firstEnvironment(project);
    const apply = async () =>
      succeeded(await project.terraform(environment, ['apply', '-auto-approve', '-input=false'])).durationMs;
    const cdktfTimes: number[] = [];
    const applyTimes: number[] = [];
    const initApplyTimes: number[] = [];
    for (let run = 0; run < overheadRuns; run++) {
      cdktfTimes.push(succeeded(await project.deploy([environment])).durationMs);
      applyTimes.push(await apply());
      const init = succeeded(await project.terraform(environment, ['init', '-input=false'])).durationMs;
      initApplyTimes.push(init + (await apply()));
    }

    const slowest = paths.reduce((a, b) => (b.ms > a.ms ? b : a));
    return {
      runs,
      bootstrapMs: median(bootstrap),
      plainBootstrapMs: median(plainBootstrap),
      bootstrapCriticalPathMs: median(paths.map((p) => p.ms)),
      criticalChain: slowest.chain,
      environmentsMs: median(environments),
      concurrencyMs: median(concurrency),
      concurrentRuns: CONCURRENT_RUNS,
      cdktfDeployMs: median(cdktfTimes),
      terraformApplyMs: median(applyTimes),
      terraformInitApplyMs: median(initApplyTimes),
    };
  } finally {
    await emulator.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

export function describeE2e(result: E2eBenchResult): string[] {
  return [
    `cdktf deploy bootstrap        ${seconds(result.bootstrapMs)}   critical path ${seconds(result.bootstrapCriticalPathMs)}` +
      `   ${ratio(result.bootstrapMs, result.bootstrapCriticalPathMs)} of it (target <= 1.2x)`,
    `  critical path: ${result.criticalChain.join(' -> ')}`,
    `terraform init + apply, same bootstrap ${seconds(result.plainBootstrapMs)}   ${ratio(result.plainBootstrapMs, result.bootstrapCriticalPathMs)} of the critical path` +
      ` (Terraform's plan and provider starts; cdktf adds ${seconds(result.bootstrapMs - result.plainBootstrapMs)})`,
    `cdktf deploy dev prod          ${seconds(result.environmentsMs)}`,
    `${result.concurrentRuns} concurrent applies, one state ${seconds(result.concurrencyMs)} (lock timeout: they run one after another)`,
    `cdktf deploy <env> (no-op)     ${seconds(result.cdktfDeployMs)}`,
    `terraform apply (no-op)        ${seconds(result.terraformApplyMs)}   cdktf overhead ${ratio(result.cdktfDeployMs, result.terraformApplyMs)} (target <= 1.3x)`,
    `terraform init + apply (no-op) ${seconds(result.terraformInitApplyMs)}   cdktf overhead ${ratio(result.cdktfDeployMs, result.terraformInitApplyMs)}`,
  ];
}

export function e2eTargets(result: E2eBenchResult): TargetCheck[] {
  return [
    {
      figure: 'cdktf deploy bootstrap vs its critical path',
      measured: ratio(result.bootstrapMs, result.bootstrapCriticalPathMs),
      target: '<= 1.2x',
      verdict: atMost(result.bootstrapMs / result.bootstrapCriticalPathMs, 1.2),
    },
    {
      figure: 'cdktf deploy <env> vs terraform apply (no-op)',
      measured: ratio(result.cdktfDeployMs, result.terraformApplyMs),
      target: '<= 1.3x',
      verdict: atMost(result.cdktfDeployMs / result.terraformApplyMs, 1.3),
    },
  ];
}
