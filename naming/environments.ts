import type { EnvironmentConfig } from '../config/types';
import type { EnvironmentStateNames } from './names';
import type { ValidProject } from './project';

/** One configured environment: its settings and the state names derived for it. */
export interface ProjectEnvironment {
  readonly name: string;
  readonly config: EnvironmentConfig;
  readonly names: EnvironmentStateNames;
}

/** A name the configuration does not have; the message lists the ones it has. */
export class UnknownEnvironmentError extends Error {
  constructor(
    readonly environment: string,
    readonly known: readonly string[],
  ) {
    super(
      `unknown environment "${environment}"; known environments: ${known.length === 0 ? '(none configured)' : known.join(', ')}`,
    );
    this.name = 'UnknownEnvironmentError';
  }
}

/** The configured environments, in the configuration's order. */
export function environmentNames(project: ValidProject): string[] {
  return Object.keys(project.config.environments);
}

/** The environment called `name`; inherited object properties ("constructor") are not environments. */
export function requireEnvironment(project: ValidProject, name: string): ProjectEnvironment {
  const config = Object.hasOwn(project.config.environments, name) ? project.config.environments[name] : undefined;
  const names = Object.hasOwn(project.names.environments, name) ? project.names.environments[name] : undefined;
  if (config === undefined || names === undefined) throw new UnknownEnvironmentError(name, environmentNames(project));
  return { name, config, names };
}
