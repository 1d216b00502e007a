import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ScratchProject } from '../../../tools/emulator/scratch-project';
import { startTerraform, type CommandResult, type StartedCommand } from '../../../tools/terraform/run';
import { expectSuccess } from './e2e';

/** The probe's one resource: replacing it makes any apply a change that writes state. */
export const PROBE_RESOURCE = 'terraform_data.probe';

/**
 * A minimal Terraform configuration on an environment's state: the environment's S3 backend block
 * exactly as the app synthesized it (emulator settings included) and one `terraform_data`
 * resource, no provider. Terraform takes the same locks (DynamoDB item, `.tflock` object), writes
 * the same state object and `-md5` digest, and reads them back, as for the environment's stack:
 * locking is the backend's work, the same whatever the configuration holds. What it spares is the
 * aws provider, started three or four times per plan at about 2 s of CPU each: a probe's apply
 * costs about a second. The files about locks, the lock tool and state tools use it; the stacks
 * themselves are deployed by deploy-flow, the demo, the quick start and the others.
 */
export class BackendProbe {
  readonly directory: string;

  constructor(
    readonly project: ScratchProject,
    readonly environment: string,
  ) {
    const synthesized = path.join(project.stackDirectory(environment), 'cdk.tf.json');
    if (!fs.existsSync(synthesized)) throw new Error(`${synthesized} is missing: synthesize the project first`);
    const { terraform } = JSON.parse(fs.readFileSync(synthesized, 'utf8')) as {
      terraform: { backend: { s3: Record<string, unknown> } };
    };
    this.directory = path.join(project.directory, 'probes', environment);
    fs.mkdirSync(this.directory, { recursive: true });
    const configuration = {
      terraform: { backend: { s3: terraform.backend.s3 } },
      variable: { note: { type: 'string', default: 'probe' }, hold: { type: 'number', default: 0 } },
      resource: {
        terraform_data: {
          probe: {
            input: '${var.note}',
            // -var=hold=<s>: the apply holds the state lock that much longer, so that runs started
            // together really contend, and a run can be killed while it holds the lock.
            provisioner: [{ 'local-exec': { command: 'sleep ${var.hold}' } }],
          },
        },
      },
    };
    fs.writeFileSync(path.join(this.directory, 'main.tf.json'), `${JSON.stringify(configuration, null, 2)}\n`);
  }

  /** `terraform <args>` in the probe's directory (through the project, with its lock handling). */
  terraform(args: readonly string[]): Promise<CommandResult> {
    return this.project.terraformIn(this.directory, args);
  }

  /** `terraform init` against the environment's backend (again after the backend block changed). */
  async init(): Promise<CommandResult> {
    return expectSuccess(await this.terraform(['init', '-input=false', '-reconfigure']));
  }

  /** An apply that writes a new state version (the resource replaced). */
  apply(extra: readonly string[] = []): Promise<CommandResult> {
    return this.terraform(['apply', '-auto-approve', '-input=false', `-replace=${PROBE_RESOURCE}`, ...extra]);
  }

  /** The same apply, started: to run several at once or kill one while it holds the lock. */
  startApply(extra: readonly string[] = []): StartedCommand {
    return startTerraform(['apply', '-auto-approve', '-input=false', `-replace=${PROBE_RESOURCE}`, ...extra], {
      cwd: this.directory,
      env: this.project.env,
    });
  }

  /** A plan that does not wait for a lock: it gets it at once or fails with the lock error. */
  plan(extra: readonly string[] = []): Promise<CommandResult> {
    return this.terraform(['plan', '-input=false', '-lock-timeout=0s', ...extra]);
  }
}

/** Synthesizes `project` (the app command, no CLI), then gives a probe per environment, initialized. */
export async function probesOf<Environment extends string>(
  project: ScratchProject,
  environments: readonly Environment[],
): Promise<Record<Environment, BackendProbe>> {
  expectSuccess(await project.synth());
  const probes = environments.map((environment) => new BackendProbe(project, environment));
  await Promise.all(probes.map((probe) => probe.init()));
  return Object.fromEntries(probes.map((probe) => [probe.environment, probe])) as Record<Environment, BackendProbe>;
}
