import { Testing } from 'cdktf';
import type { Construct } from 'constructs';
import type { SynthesizedStack } from './fixtures';

/** Synthesizes one construct in a throwaway stack and returns its resources by type. */
export function synthConstruct(build: (scope: Construct) => void): SynthesizedStack['resource'] {
  const json = JSON.parse(Testing.synthScope(build)) as Partial<SynthesizedStack>;
  return json.resource ?? {};
}

/** All resources of a type, in definition order. */
export function resourcesOf(resources: SynthesizedStack['resource'], type: string): Array<Record<string, unknown>> {
  return Object.values(resources[type] ?? {});
}

/** The one resource of a type (fails if there is not exactly one). */
export function theResource(resources: SynthesizedStack['resource'], type: string): Record<string, unknown> {
  const found = resourcesOf(resources, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0] as Record<string, unknown>;
}
