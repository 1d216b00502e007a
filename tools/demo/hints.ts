/**
 * What to do about the failures a newcomer meets, recognized from Terraform's and the cdktf CLI's
 * own messages (they rarely say it). docs/troubleshooting.md holds the same rows for readers.
 */
export interface Hint {
  /** A short name for the failure, e.g. "state bucket missing". */
  readonly problem: string;
  readonly advice: string;
}

interface HintRule {
  readonly pattern: RegExp;
  readonly hint: (match: RegExpExecArray) => Hint;
}

const RULES: readonly HintRule[] = [
  {
    pattern: /dial tcp ([^:\s]+:\d+): connect: connection refused/,
    hint: (match) => ({
      problem: `nothing answers at ${match[1] ?? 'the endpoint'}`,
      advice:
        'AWS_ENDPOINT_URL points at an emulator that is not running. Start it (moto_server -H 127.0.0.1 -p <port>) ' +
        'and synthesize again with AWS_ENDPOINT_URL=http://127.0.0.1:<port>, or unset AWS_ENDPOINT_URL to target AWS.',
    }),
  },
  {
    // moto and us-east-1: "creating S3 Bucket (b): BucketAlreadyExists"; AWS elsewhere puts the SDK's details between.
    pattern: /creating S3 Bucket \(([^)]+)\):[^\n]*?\b(BucketAlreadyExists|BucketAlreadyOwnedByYou)\b/,
    hint: (match) => ({
      problem: `the state bucket name ${match[1] ?? ''} is taken`,
      advice:
        "A bucket of that name exists and this project's bootstrap state does not own it (S3 names are global). " +
        'Set stateBucketName in config/project.ts to a free name and deploy the bootstrap again; nothing else was created. ' +
        'If it is yours from an earlier bootstrap, put that terraform.bootstrap.tfstate back instead (docs/bootstrap-state.md).',
    }),
  },
  {
    pattern: /S3 bucket "([^"]+)" does not exist/,
    hint: (match) => ({
      problem: `the state bucket ${match[1] ?? ''} does not exist`,
      advice:
        'The environment stacks keep their state in the bucket the bootstrap creates. Deploy it first: ' +
        'npx cdktf deploy bootstrap (with the same AWS_ENDPOINT_URL, or none for AWS), then the environment.',
    }),
  },
  {
    pattern:
      /DynamoDB table "([^"]+)"[^]*?ResourceNotFoundException|ResourceNotFoundException[^]*?DynamoDB table "([^"]+)"/,
    hint: (match) => ({
      problem: `the lock table ${match[1] ?? match[2] ?? ''} does not exist`,
      advice:
        'The bootstrap creates it with the bucket: npx cdktf deploy bootstrap, then deploy the environment again. ' +
        'Do not work around it with -lock=false.',
    }),
  },
  {
    pattern: /Error acquiring the state lock/,
    hint: () => ({
      problem: 'another run holds the state lock',
      advice:
        'Wait for it, or see who holds it: npm run locks -- list (docs/stuck-locks.md before you unlock anything).',
    }),
  },
  {
    pattern:
      /Could not retrieve providers for locking|Failed to query available provider packages|could not connect to registry/,
    hint: () => ({
      problem: 'Terraform tried to reach the provider registry',
      advice:
        'Offline, point TF_PROVIDER_MIRROR at a filesystem mirror holding hashicorp/aws and keep the committed ' +
        '.terraform.lock.hcl (with --migrate-state, also add --skip-provider-lock); online, set TF_PROVIDER_MIRROR=registry ' +
        '(docs/provider-lock.md).',
    }),
  },
  {
    pattern: /Invalid configuration in ([^;\n]+)/,
    hint: (match) => ({
      problem: `invalid configuration in ${match[1] ?? 'config/project.ts'}`,
      advice: 'Fix the fields listed above; nothing was synthesized or deployed.',
    }),
  },
];

/** The first known failure in a command's output, with what to do about it. */
export function hintFor(output: string): Hint | undefined {
  for (const rule of RULES) {
    const match = rule.pattern.exec(output);
    if (match !== null) return rule.hint(match);
  }
  return undefined;
}

// cdktf's CI-mode lines start with the stack name and two spaces; continuation lines are indented.
const STACK_PREFIX = /^[\w-]+ {2,}/;
// cdktf's own closing lines repeat that terraform failed; the Error lines above them say why.
const WRAPPER_LINE =
  /^(Error: )?(terraform \w+ failed with exit code \d+|Invoking Terraform CLI failed with exit code \d+)$/;

/** Terraform's `Error:` lines from a cdktf or terraform run, without the stack prefix. */
export function errorLines(output: string, limit = 4): string[] {
  const lines = output
    .split('\n')
    .map((line) => line.replace(STACK_PREFIX, '').trim())
    .filter((line) => line.startsWith('Error: ') && !WRAPPER_LINE.test(line));
  return [...new Set(lines)].slice(0, limit);
}
