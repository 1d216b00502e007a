import { parseSubcommand } from '../cli/subcommand';
import { UsageError } from '../cli/usage';

export type StateCommand =
  | { readonly name: 'help' }
  | { readonly name: 'history'; readonly environment: string; readonly json: boolean; readonly replica: boolean }
  | {
      readonly name: 'restore';
      readonly environment: string;
      readonly versionId: string;
      readonly dryRun: boolean;
      readonly force: boolean;
      readonly fromReplica: boolean;
      readonly json: boolean;
    };

export const STATE_USAGE = `Usage: npm run state -- <command> [options]

Show every version of an environment's Terraform state, and bring one back.

Commands:
  history <env> [--replica] [--json]
                                 Every version of the environment's state object, newest first:
                                 version ID, time, size, serial, lineage, resources, Terraform
                                 version, current / older / delete marker
  restore <env> --version-id <ID> [--dry-run] [--force] [--from-replica] [--json]
                                 Write that version's content as a new current version, with a
                                 serial above every existing one, under the environment's lock;
                                 and, with a lock table, the -md5 digest that matches it

<env> is an environment's name, or bootstrap when the bootstrap's state is in the bucket
(bootstrapState: 's3').

Options:
  --version-id <ID>     The version to restore, as history shows it (the ID is the confirmation:
                        no question is asked)
  --dry-run             restore: say what would change (serial, resources added and removed);
                        write nothing, take no lock
  --force               restore: also a version of another lineage (another state)
  --replica             history: the versions kept in the replica bucket (stateReplicaRegion)
  --from-replica        restore: take the version from the replica bucket
  --json                machine-readable output on stdout
  -h, --help            Show this help

A restore takes the same lock(s) Terraform takes in the locking mode and refuses while any lock is
held; it never deletes or overwrites a version and never deletes the digest.
Exit status: 0 ok, 1 problem found or refused (nothing written), 2 usage error.
AWS: default credential chain in the state region; set AWS_ENDPOINT_URL to use the emulator.
`;

const OPTIONS = {
  json: { type: 'boolean' },
  'version-id': { type: 'string' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  replica: { type: 'boolean' },
  'from-replica': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Which options each command takes. */
const ALLOWED = {
  history: ['json', 'replica', 'help'],
  restore: ['version-id', 'dry-run', 'force', 'from-replica', 'json', 'help'],
} as const;

/** Pure: the command line as a command, or a UsageError saying what is wrong with it. */
export function parseStateArgs(argv: readonly string[]): StateCommand {
  const command = parseSubcommand(argv, OPTIONS, ALLOWED);
  if (command.name === 'help') return command;
  const { name, environment, values } = command;

  switch (name) {
    case 'history':
      if (environment === undefined)
        throw new UsageError('history needs an environment: npm run state -- history <env>');
      return { name, environment, json: values.json === true, replica: values.replica === true };
    case 'restore': {
      if (environment === undefined) {
        throw new UsageError('restore needs an environment: npm run state -- restore <env> --version-id <ID>');
      }
      const versionId = values['version-id'];
      if (versionId === undefined || versionId.trim() === '') {
        throw new UsageError(
          `restore needs --version-id <ID>, the version to bring back (npm run state -- history ${environment})`,
        );
      }
      return {
        name,
        environment,
        versionId,
        dryRun: values['dry-run'] === true,
        force: values.force === true,
        fromReplica: values['from-replica'] === true,
        json: values.json === true,
      };
    }
  }
}
