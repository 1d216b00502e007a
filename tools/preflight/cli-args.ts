import { parseCommandLine, UsageError } from '../cli/usage';

export interface PreflightArgs {
  readonly help: boolean;
  /** `bootstrap`, an environment, or undefined for the bootstrap and every environment. */
  readonly target?: string;
}

export const USAGE = `Usage: npm run preflight -- [<env>|bootstrap]

Checks, with your AWS credentials and before anything is created, what a first deploy on real AWS
needs that the synth cannot see. Each check says ok, missing (with the fix) or cannot check (why).

  bootstrap   the account your credentials (or deployRoleArn) act in is the state account; every
              principal the state roles will trust exists (those in that account: iam:GetRole,
              iam:GetUser); the configured GitHub OIDC provider and the CI roles' policies exist
  <env>       the state bucket and lock table exist; you can assume the environment's state role
              and its deployRoleArn (real sts:AssumeRole calls; nothing is written); its resources
              go to an allowed account; the bootstrap record holds this code's version and <env>
  (none)      the bootstrap, then every environment

Options:
  -h, --help  Show this help

Exit status: 0 nothing missing, 1 something missing (or an error), 2 usage error.
AWS: default credential chain; set AWS_ENDPOINT_URL to use the emulator. docs/multi-account.md
`;

/** Pure: the command line as arguments, or a UsageError. The target's name is checked against the project later. */
export function parsePreflightArgs(argv: readonly string[]): PreflightArgs {
  const { values, positionals } = parseCommandLine({
    args: [...argv],
    options: { help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 1) throw new UsageError(`at most one of <env> or bootstrap, got: ${positionals.join(' ')}`);
  const target = positionals[0];
  return { help: values.help === true, ...(target !== undefined && { target }) };
}
