import { DEFAULT_MAX_AGE_MS } from './doctor';
import { parseDuration } from './duration';
import { parseSubcommand } from '../cli/subcommand';
import { UsageError } from '../cli/usage';

export type LocksCommand =
  | { readonly name: 'help' }
  | { readonly name: 'list'; readonly environment?: string; readonly json: boolean }
  /** Without `lockId`, the lock is shown and a person confirms (terminal only). */
  | { readonly name: 'unlock'; readonly environment: string; readonly lockId?: string }
  | {
      readonly name: 'doctor';
      readonly environment?: string;
      readonly fix: boolean;
      readonly maxAgeMs: number;
      readonly json: boolean;
    };

export const USAGE = `Usage: npm run locks -- <command> [options]

Inspect and release the Terraform state locks of this project's environments.

Commands:
  list [<env>] [--json]          Lock state of every environment (or one): free or held,
                                 by whom, since when, and which mechanism holds it
  unlock <env> --lock-id <ID>    Release the lock with this ID, only if it is the one held now
  unlock <env>                   Show the lock and ask before releasing it (terminal only)
  doctor [<env>] [--fix] [--max-age <duration>] [--json]
                                 Compare each state digest (-md5 item) with the state object,
                                 and report locks older than --max-age or unreadable;
                                 --fix rewrites mismatched digests of unlocked environments

<env> is an environment's name, or bootstrap when the bootstrap's state is in the bucket
(bootstrapState: 's3'): list and doctor include it then.

Options:
  --lock-id <ID>        Lock ID as shown by list or in Terraform's error message
  --max-age <duration>  Lock age that counts as stale: 30m, 2h, 1d, 1h30m (default 1h)
  --fix                 doctor: rewrite mismatched digests from the current state object
  --json                list, doctor: machine-readable output on stdout
  -h, --help            Show this help

Unlock removes only the lock (DynamoDB item and/or .tflock object), never the state digest.
Exit status: 0 ok, 1 problem found or nothing released, 2 usage error.
AWS: default credential chain in the state region; set AWS_ENDPOINT_URL to use the emulator.
`;

const OPTIONS = {
  json: { type: 'boolean' },
  'lock-id': { type: 'string' },
  fix: { type: 'boolean' },
  'max-age': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

// Which options each command takes: an option given to the wrong command is a mistake worth saying.
const ALLOWED = {
  list: ['json', 'help'],
  unlock: ['lock-id', 'help'],
  doctor: ['json', 'fix', 'max-age', 'help'],
} as const;

/** Pure: the command line as a command, or a UsageError saying what is wrong with it. */
export function parseLocksArgs(argv: readonly string[]): LocksCommand {
  const command = parseSubcommand(argv, OPTIONS, ALLOWED);
  if (command.name === 'help') return command;
  const { name, environment, values } = command;

  switch (name) {
    case 'list':
      return { name, ...(environment !== undefined && { environment }), json: values.json === true };
    case 'unlock': {
      if (environment === undefined)
        throw new UsageError('unlock needs an environment: npm run locks -- unlock <env> --lock-id <ID>');
      const lockId = values['lock-id'];
      if (lockId !== undefined && lockId.trim() === '') throw new UsageError('--lock-id needs a lock ID');
      return { name, environment, ...(lockId !== undefined && { lockId }) };
    }
    case 'doctor': {
      const maxAge = values['max-age'];
      return {
        name,
        ...(environment !== undefined && { environment }),
        fix: values.fix === true,
        maxAgeMs: maxAge === undefined ? DEFAULT_MAX_AGE_MS : parseDuration(maxAge),
        json: values.json === true,
      };
    }
  }
}
