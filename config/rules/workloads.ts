import { problem, type InputRule, type Problem } from './problem';

/** A workload is named by its file in workloads/: the name is the file name without `.ts`. */
export const WORKLOAD_NAME = /^[a-z][a-z0-9-]*$/;

function environmentProblems(environment: string, workloads: unknown): Problem[] {
  const field = `environments.${environment}.workloads`;
  if (workloads === undefined) return [];
  if (!Array.isArray(workloads)) {
    return [problem(field, workloads, 'must be a list of workload names, e.g. ["app-bucket"], or [] for none')];
  }
  const seen = new Set<unknown>();
  return workloads.flatMap((name: unknown, index) => {
    const item = `${field}[${index}]`;
    if (typeof name !== 'string' || !WORKLOAD_NAME.test(name)) {
      return [
        problem(
          item,
          name,
          'must be a workload name: lowercase letters, digits and hyphens, starting with a letter (its file in workloads/ without .ts)',
        ),
      ];
    }
    if (seen.has(name)) return [problem(item, name, 'is listed twice: an environment deploys each workload once')];
    seen.add(name);
    return [];
  });
}

/** The shape of each environment's workload list; whether each has a file is checked when the stacks are built. */
export const workloadsRule: InputRule = (config) =>
  Object.entries(config.environments).flatMap(([environment, settings]) =>
    environmentProblems(environment, settings.workloads),
  );
