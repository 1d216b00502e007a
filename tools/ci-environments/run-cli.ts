import { projectConfig } from '../../config/project';
import { validateProject, type ValidProject } from '../../naming/project';
import { configErrorLines, ToolError } from '../cli/errors';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE } from '../cli/exit-codes';
import type { ToolOutput } from '../cli/output';
import { isUsageError, parseCommandLine, UsageError, usageErrorText } from '../cli/usage';
import { ciEnvironments, githubOutputLines } from './environments';

export const USAGE = `Usage: npm run -s ci:environments -- [--github-output]

Prints the environments of config/project.ts as the deploy and drift workflows read them: the
state region, the environments to plan (with their plan roles), and the unprotected and protected
environments to deploy (with their deploy roles). Needs ci.github in the configuration.

Options:
  --github-output  key=value lines for $GITHUB_OUTPUT (region, plan, unprotected, protected,
                   not-planned), each list as one line of JSON; default: one JSON document
  -h, --help       Show this help

Exit status: 0 printed, 1 configuration problem, 2 usage error.
`;

/** `npm run ci:environments` as a function: arguments in, JSON out, the exit status returned. */
export function runCiEnvironmentsCli(
  argv: readonly string[],
  io: ToolOutput,
  options: { readonly project?: ValidProject } = {},
): number {
  try {
    const { values, positionals } = parseCommandLine({
      args: [...argv],
      options: { 'github-output': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0] ?? ''}`);
    if (values.help === true) {
      io.out(USAGE);
      return EXIT_OK;
    }
    const environments = ciEnvironments(options.project ?? validateProject(projectConfig));
    io.out(
      values['github-output'] === true ? githubOutputLines(environments) : `${JSON.stringify(environments, null, 2)}\n`,
    );
    return EXIT_OK;
  } catch (error) {
    if (isUsageError(error)) {
      io.err(usageErrorText('ci:environments', error, 'Run `npm run ci:environments -- --help` for usage.\n'));
      return EXIT_USAGE;
    }
    if (error instanceof ToolError) {
      io.err(`ci:environments: ${error.message}\n`);
      return EXIT_PROBLEM;
    }
    const config = error instanceof Error ? configErrorLines('ci:environments', error) : undefined;
    if (config !== undefined) {
      io.err(config);
      return EXIT_PROBLEM;
    }
    throw error;
  }
}
