import type { App } from 'cdktf';
import type { Emulator } from '../config/emulator';
import type { ValidProject } from '../config/validate';
import { BOOTSTRAP_STACK } from '../naming/names';
import { BootstrapStack } from './bootstrap-stack';
import { EnvironmentStack } from './environment-stack';

export interface ProjectStacksOptions {
  /** Where the bootstrap keeps its local state, relative to its stack directory. */
  readonly bootstrapStatePath: string;
  /** Whether that state records a state bucket (see bootstrapStateRecordsBucket). */
  readonly bootstrapStateFound?: boolean;
  readonly emulator?: Emulator;
}

/** The bootstrap stack, then one stack per configured environment. */
export function addProjectStacks(app: App, project: ValidProject, options: ProjectStacksOptions): void {
  new BootstrapStack(app, BOOTSTRAP_STACK, {
    project,
    statePath: options.bootstrapStatePath,
    emulator: options.emulator,
  });
  for (const environment of Object.keys(project.config.environments)) {
    new EnvironmentStack(app, environment, {
      project,
      environment,
      emulator: options.emulator,
      bootstrapStateFound: options.bootstrapStateFound,
    });
  }
}
