import type { App } from 'cdktf';
import { BOOTSTRAP_STACK } from '../config/stack-names';
import { environmentNames } from '../naming/environments';
import type { ValidProject } from '../naming/project';
import { BootstrapStack } from './bootstrap-stack';
import { EnvironmentStack } from './environment-stack';
import { checkWorkloads } from './workloads';

export interface ProjectStacksOptions {
  /** Where the bootstrap keeps its local state, relative to its stack directory. */
  readonly bootstrapStatePath: string;
}

export interface ProjectStacks {
  readonly bootstrap: BootstrapStack;
  readonly environments: readonly EnvironmentStack[];
}

/** The bootstrap stack, then one stack per configured environment. */
export function addProjectStacks(app: App, project: ValidProject, options: ProjectStacksOptions): ProjectStacks {
  checkWorkloads(project);
  const bootstrap = new BootstrapStack(app, BOOTSTRAP_STACK, { project, statePath: options.bootstrapStatePath });
  const environments = environmentNames(project).map(
    (environment) => new EnvironmentStack(app, environment, { project, environment }),
  );
  return { bootstrap, environments };
}
