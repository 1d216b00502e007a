import { parseCommandLine, UsageError } from '../cli/usage';

export interface DriftArgs {
  readonly help: boolean;
  readonly environment?: string;
  /** Terraform's -lock-timeout: how long to wait for a state lock held by a running deploy. */
  readonly lockTimeout: string;
  /** A file to append a Markdown report to (a GitHub job summary: $GITHUB_STEP_SUMMARY). */
  readonly summary?: string;
}

export const DEFAULT_LOCK_TIMEOUT = '15m';

export const USAGE = `Usage: npm run drift -- <env> [--lock-timeout <duration>] [--summary <file>]

Plans <env> as deployed (synthesized from config/project.ts, refreshed) and says whether its
resources still match the configuration: terraform plan -detailed-exitcode in the stack's directory.
It writes no state and holds the state lock only while the plan runs, so a plan role may run it.

Options:
  --lock-timeout <duration>  How long to wait for a lock a running deploy holds, as Terraform
                             takes it: 30s, 5m, 1h (default ${DEFAULT_LOCK_TIMEOUT})
  --summary <file>           Also append a Markdown report to <file>, e.g. "$GITHUB_STEP_SUMMARY"
  -h, --help                 Show this help

Exit status, as terraform plan -detailed-exitcode: 0 no drift, 2 drift (the resources that differ
are listed), 1 error (a usage error included).
AWS: default credential chain; set AWS_ENDPOINT_URL to use the emulator.
`;

const DURATION = /^\d+(?:ms|s|m|h)$/;

/** Pure: the command line as arguments, or a UsageError. */
export function parseDriftArgs(argv: readonly string[]): DriftArgs {
  const { values, positionals } = parseCommandLine({
    args: [...argv],
    options: {
      'lock-timeout': { type: 'string' },
      summary: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help === true) return { help: true, lockTimeout: DEFAULT_LOCK_TIMEOUT };
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'which environment? npm run drift -- <env>'
        : `one environment at a time, got: ${positionals.join(' ')}`,
    );
  }
  const lockTimeout = values['lock-timeout'] ?? DEFAULT_LOCK_TIMEOUT;
  if (!DURATION.test(lockTimeout)) {
    throw new UsageError(`--lock-timeout takes a duration as Terraform does (30s, 5m, 1h), got "${lockTimeout}"`);
  }
  const summary = values.summary;
  if (summary !== undefined && summary.trim() === '') throw new UsageError('--summary needs a file');
  return { help: false, environment: positionals[0], lockTimeout, ...(summary !== undefined && { summary }) };
}
