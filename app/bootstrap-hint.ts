import { Annotations } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { CdktfCli, CdktfCommand } from './cdktf-command';
import { localStateResourceTypes } from './local-state';

/**
 * Whether the bootstrap's local state (e.g. terraform.bootstrap.tfstate) records a state bucket: a
 * synth-time hint only (no AWS call), used to tell someone who deploys an environment first what
 * to do, because Terraform's own message for a missing bucket does not.
 */
export function bootstrapStateRecordsBucket(stateFile: string): boolean {
  return localStateResourceTypes(stateFile)?.includes('aws_s3_bucket') ?? false;
}

/** The hint, naming the bootstrap's local state file and the CLI in use. */
export function bootstrapMissingWarning(stateFile: string, cli: CdktfCli = 'cdktf'): string {
  return (
    `Deploy the bootstrap before this environment: ${stateFile} at the project root records ` +
    `no state bucket yet (npx ${cli} deploy bootstrap; if it was deployed from elsewhere, put its state file ` +
    'back: docs/bootstrap-state.md). Without the bucket, terraform init fails with "S3 bucket ... does not exist".'
  );
}

// The commands that initialize a stack's S3 backend, which is where a missing bucket fails.
const BACKEND_COMMANDS = new Set(['deploy', 'diff', 'plan', 'apply', 'destroy', 'output', 'outputs']);

/**
 * Whether `command` works on `environment`: named, matched by a pattern (cdktf accepts globs such
 * as `'*'`), or picked by the CLI when no stack is named.
 */
export function commandTargets(command: CdktfCommand, environment: string): boolean {
  if (!BACKEND_COMMANDS.has(command.command)) return false;
  if (command.stacks.length === 0) return true;
  return command.stacks.some((pattern) => globMatches(pattern, environment));
}

function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(name);
}

export interface BootstrapHintOptions {
  /** The bootstrap's local state file, relative to the project root. */
  readonly stateFile: string;
  /** Whether it records the state bucket. */
  readonly bootstrapDeployed: boolean;
  /** The cdktf command running the app; undefined outside the CLI (no hint then). */
  readonly command: CdktfCommand | undefined;
}

/**
 * Warns on each environment stack the running cdktf command works on while the bootstrap has
 * not been deployed: never while the bootstrap itself is deployed or on a plain synth.
 */
export function addBootstrapHint(environments: readonly IConstruct[], options: BootstrapHintOptions): void {
  const { command } = options;
  if (options.bootstrapDeployed || command === undefined) return;
  for (const stack of environments) {
    if (commandTargets(command, stack.node.id))
      Annotations.of(stack).addWarning(bootstrapMissingWarning(options.stateFile, command.cli));
  }
}
