import type { ProjectConfig } from '../types';
import type { ProjectNames } from '../../naming/names';

/** One broken rule: which field, what value, and the rule it breaks. */
export interface Problem {
  readonly field: string;
  readonly value: unknown;
  readonly rule: string;
}

/** Checks fields as the user wrote them. */
export type InputRule = (config: ProjectConfig) => Problem[];

/** Checks names derived from valid inputs (the user may also have set them explicitly). */
export type NameRule = (config: ProjectConfig, names: ProjectNames) => Problem[];

export function problem(field: string, value: unknown, rule: string): Problem {
  return { field, value, rule };
}
