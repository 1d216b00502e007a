import * as fs from 'node:fs';
import * as path from 'node:path';
import { Construct } from 'constructs';
import { ConfigError, failOnProblems } from '../config/config-error';
import { problem, type Problem } from '../config/rules/problem';
import { WORKLOAD_NAME } from '../config/rules/workloads';
import type { EnvironmentConfig } from '../config/types';
import type { WorkloadClass, WorkloadProps } from '../constructs/workload';
import { environmentNames, requireEnvironment } from '../naming/environments';
import type { ValidProject } from '../naming/project';

/**
 * Workloads are found by name, not listed anywhere: a workload is a file in workloads/ and one
 * entry in an environment's `workloads`. See README "Add your infrastructure".
 */

/** What an environment deploys when its configuration names no workloads. */
export const DEFAULT_WORKLOADS: readonly string[] = ['app-bucket'];

/** The workloads an environment deploys, in order. */
export function workloadNames(environment: EnvironmentConfig): readonly string[] {
  return environment.workloads ?? DEFAULT_WORKLOADS;
}

/**
 * The project's workloads/ directory, found upwards from this module (the directory holding
 * cdktf.json): the same answer from source (jest) and from the bundle in .build/ (cdktf synth).
 */
export function workloadsDirectory(from: string = __dirname): string {
  for (let directory = from; ; directory = path.dirname(directory)) {
    if (fs.existsSync(path.join(directory, 'cdktf.json'))) return path.join(directory, 'workloads');
    if (path.dirname(directory) === directory) throw new Error(`no cdktf.json above ${from}`);
  }
}

/** The workload names the project has: its workloads/*.ts files, by name. */
export function availableWorkloads(directory: string = workloadsDirectory()): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => entry.name.slice(0, -'.ts'.length))
    .filter((name) => WORKLOAD_NAME.test(name))
    .sort();
}

function missingProblems(project: ValidProject, environment: string, available: readonly string[]): Problem[] {
  const { config } = requireEnvironment(project, environment);
  const choices = `available workloads: ${available.length === 0 ? '(none in workloads/)' : available.join(', ')}`;
  if (config.workloads === undefined) {
    const missing = DEFAULT_WORKLOADS.filter((name) => !available.includes(name));
    if (missing.length === 0) return [];
    return [
      problem(
        `environments.${environment}.workloads`,
        undefined,
        `defaults to ${JSON.stringify(DEFAULT_WORKLOADS)}, but there is no ${missing.map((name) => `workloads/${name}.ts`).join(', ')}; ` +
          `set it to the workloads you want, or [] for none; ${choices}`,
      ),
    ];
  }
  return config.workloads.flatMap((name, index) =>
    available.includes(name)
      ? []
      : [
          problem(
            `environments.${environment}.workloads[${index}]`,
            name,
            `there is no file workloads/${name}.ts; ${choices}`,
          ),
        ],
  );
}

/** Refuses workload names without a file, every environment's in one message, before any stack exists. */
export function checkWorkloads(project: ValidProject, available: readonly string[] = availableWorkloads()): void {
  failOnProblems(environmentNames(project).flatMap((environment) => missingProblems(project, environment, available)));
}

/** The construct class a workload file exports. */
export function loadWorkload(name: string): WorkloadClass {
  // A template the bundler can read: esbuild bundles every file it can name (workloads/**/*.ts) and
  // jest resolves it at run time. That is why no list of workloads needs editing.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded: unknown = require(`../workloads/${name}.ts`);
  const exported: unknown = (loaded as { default?: unknown }).default;
  if (typeof exported !== 'function') {
    throw new ConfigError(
      [problem('export default', exported, 'must be the workload: a construct class, as in workloads/app-bucket.ts')],
      `workloads/${name}.ts`,
    );
  }
  return exported as WorkloadClass;
}

/** Adds the environment's workloads to its stack, each with its name as construct ID. */
export function addWorkloads(scope: Construct, props: WorkloadProps): Construct[] {
  const { config } = requireEnvironment(props.project, props.environment);
  return workloadNames(config).map((name) => {
    const workload: unknown = new (loadWorkload(name))(scope, name, props);
    if (!Construct.isConstruct(workload)) {
      throw new ConfigError(
        [problem('export default', name, 'must be a construct class (extends Construct or another construct)')],
        `workloads/${name}.ts`,
      );
    }
    return workload;
  });
}
