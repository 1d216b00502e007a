import type { ProjectConfig } from '../types';

/** One broken rule: which field, what value, and the rule it breaks. */
export interface Problem {
  readonly field: string;
  readonly value: unknown;
  readonly rule: string;
}

/** Checks fields as the user wrote them. */
export type InputRule = (config: ProjectConfig) => Problem[];

export function problem(field: string, value: unknown, rule: string): Problem {
  return { field, value, rule };
}
