import { parseCommandLine, UsageError } from '../cli/usage';

export interface TeardownArgs {
  /** The state bucket's name, typed by the person who means it. */
  readonly confirm?: string;
  readonly dryRun: boolean;
  readonly help: boolean;
}

export const TEARDOWN_USAGE = `Usage: npm run teardown -- --confirm <state-bucket-name> [--dry-run]

Remove everything the bootstrap created (state bucket with every version, replica and access log
buckets, lock table, bootstrap record, KMS keys) once no environment's state records resources.
Refuses, changing nothing, otherwise.

Options:
  --confirm <name>      The state bucket's name, as a confirmation (required, also for --dry-run)
  --dry-run             Print what would be deleted and exit
  -h, --help            Show this help

Exit status: 0 ok, 1 problem found or refused (nothing changed), 2 usage error.
AWS: default credential chain in the state region; set AWS_ENDPOINT_URL to use the emulator.
`;

export function parseTeardownArgs(argv: readonly string[]): TeardownArgs {
  const { values } = parseCommandLine({
    args: [...argv],
    options: {
      confirm: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.confirm === '') throw new UsageError('--confirm needs the state bucket name');
  return {
    ...(values.confirm !== undefined && { confirm: values.confirm }),
    dryRun: values['dry-run'] ?? false,
    help: values.help ?? false,
  };
}

/** Undefined when `confirm` names the bucket; otherwise why the teardown may not start. */
export function confirmationProblem(confirm: string | undefined, stateBucket: string): string | undefined {
  if (confirm === undefined) {
    return `refusing without confirmation: pass --confirm ${stateBucket} (the state bucket's name); nothing was changed`;
  }
  if (confirm !== stateBucket) {
    return `--confirm "${confirm}" does not match the state bucket "${stateBucket}"; nothing was changed`;
  }
  return undefined;
}
