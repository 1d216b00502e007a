import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { localBootstrapStateFile } from '../../app/emulator-endpoint';
import { TEARDOWN_VARIABLE } from '../../app/teardown-mode';
import { BOOTSTRAP_STACK } from '../../config/stack-names';
import type { ValidProject } from '../../naming/project';
import { awsClients, stateAccountClients, type AwsClients } from '../aws/clients';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE } from '../cli/exit-codes';
import type { ToolOutput } from '../cli/output';
import { runCommand, type CommandResult } from '../terraform/run';
import { confirmationProblem, type TeardownArgs } from './args';
import { decideTeardown } from './decide';
import { takeInventory, type Inventory } from './inventory';

export interface TeardownOptions {
  readonly project: ValidProject;
  readonly args: TeardownArgs;
  readonly output: ToolOutput;
  /** The project directory: where cdktf runs and the bootstrap's local state lives. */
  readonly root: string;
  readonly env?: NodeJS.ProcessEnv;
}

function cdktf(root: string, env: NodeJS.ProcessEnv, args: readonly string[]): Promise<CommandResult> {
  return runCommand(path.join(root, 'node_modules', '.bin', 'cdktf'), args, { cwd: root, env });
}

function tail(result: CommandResult, lines = 40): string {
  return `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-lines).join('\n');
}

/** With the bootstrap's state in the bucket about to be emptied, bring it home first. */
async function stateToLocalFile(options: TeardownOptions, inventory: Inventory, stateFile: string): Promise<boolean> {
  if (!inventory.bucket.bootstrapState || (inventory.localState?.length ?? 0) > 0) return false;
  const { names } = options.project;
  const clients = stateAccountClients(options.project, options.env ?? process.env);
  const object = await clients.s3.send(
    new GetObjectCommand({ Bucket: names.stateBucket, Key: names.bootstrapState.stateKey }),
  );
  fs.writeFileSync(stateFile, (await object.Body?.transformToString('utf-8')) ?? '');
  return true;
}

/**
 * `npm run teardown`: checks the confirmation, takes an inventory, refuses while anything still
 * depends on the state storage, and otherwise lifts the protections with one deploy in teardown
 * mode (app/teardown-mode.ts) and destroys the bootstrap. Returns the exit status.
 */
export async function runTeardown(options: TeardownOptions): Promise<number> {
  const { project, args, output, root } = options;
  const env = options.env ?? process.env;
  const { names, config } = project;
  const problem = confirmationProblem(args.confirm, names.stateBucket);
  if (problem !== undefined) {
    output.err(`teardown: ${problem}\n`);
    return EXIT_USAGE;
  }

  const stateFile = path.join(root, localBootstrapStateFile(env));
  const clients = stateAccountClients(project, env);
  const replicaClients: AwsClients | undefined =
    config.stateReplicaRegion === undefined
      ? undefined
      : awsClients(
          config.stateReplicaRegion,
          env,
          config.deployRoleArn === undefined ? {} : { roleArn: config.deployRoleArn },
        );
  const inventory = await takeInventory(clients, project, stateFile, replicaClients);
  const decision = decideTeardown(inventory, project);
  output.out(`teardown: state storage of "${config.project}" in ${config.stateRegion}\n`);
  if (decision.kind === 'refuse') {
    output.err(
      [
        'teardown: refused, nothing was changed. Destroy these first (npx cdktf destroy <environment>), or wait for the runs:',
        ...decision.reasons.map((reason) => `  ${reason}`),
        '',
      ].join('\n'),
    );
    return EXIT_PROBLEM;
  }
  const notes = decision.notes.map((note) => `Note: ${note}\n`).join('');
  if (decision.kind === 'nothing') {
    output.out(`Nothing to delete: the buckets, the table and the bootstrap record are gone.\n${notes}`);
    return EXIT_OK;
  }
  const list = decision.deletes.map((item) => `  ${item}\n`).join('');
  if (args.dryRun) {
    output.out(`Would delete (dry run, nothing changed):\n${list}${notes}`);
    return EXIT_OK;
  }
  output.out(`Deleting:\n${list}`);

  const teardownEnv = {
    ...env,
    [TEARDOWN_VARIABLE]: names.stateBucket,
    CI: env.CI ?? '1',
    // Moving the bootstrap's state out of the bucket makes init ask to copy it; answer yes without input.
    TF_CLI_ARGS_init: `${env.TF_CLI_ARGS_init ?? ''} -force-copy`.trim(),
  };
  if (await stateToLocalFile(options, inventory, stateFile)) {
    output.out(`Copied the bootstrap's state from the bucket to ${path.basename(stateFile)}.\n`);
  }
  // One deploy in teardown mode writes the lifted protections into the state (and, with the
  // bootstrap's state in the bucket, moves it to the local file); the destroy then honours them.
  const flags = ['--auto-approve', '--skip-provider-lock'];
  const steps: Array<[string, readonly string[]]> = [
    [
      'Lifting the protections',
      ['deploy', BOOTSTRAP_STACK, ...flags, ...(config.bootstrapState === 's3' ? ['--migrate-state'] : [])],
    ],
    ['Destroying the bootstrap', ['destroy', BOOTSTRAP_STACK, ...flags]],
  ];
  for (const [title, cdktfArgs] of steps) {
    output.out(`${title}: npx cdktf ${cdktfArgs.join(' ')}\n`);
    const result = await cdktf(root, teardownEnv, cdktfArgs);
    if (result.exitCode !== 0) {
      output.err(
        `teardown: "npx cdktf ${cdktfArgs.join(' ')}" failed (exit ${result.exitCode}). Run npm run teardown again once fixed; it continues from what is left.\n${tail(result)}\n`,
      );
      return EXIT_PROBLEM;
    }
  }
  const after = await takeInventory(clients, project, stateFile, replicaClients);
  const left = decideTeardown(after, project);
  if (left.kind !== 'nothing') {
    output.err(`teardown: something is left:\n${left.kind === 'proceed' ? left.deletes.join('\n') : ''}\n`);
    return EXIT_PROBLEM;
  }
  output.out(
    `Done: the state storage is gone and ${path.basename(stateFile)} records nothing. Commit that file.\n${notes}`,
  );
  return EXIT_OK;
}
