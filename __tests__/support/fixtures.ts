import { App, Testing, type TerraformStack } from 'cdktf';
import type { ProjectConfig } from '../../config/types';
import { testConfig } from './test-config';
import { validateProject, type ValidProject } from '../../naming/project';
import type { Emulator } from '../../app/emulator-endpoint';
import { applyEmulatorMode } from '../../app/emulator-mode';
import { addProjectStacks } from '../../stacks';

export const TEST_EMULATOR: Emulator = { endpoint: 'http://127.0.0.1:4566' };

/** The path main.ts computes for the default layout (cdktf.out/stacks/bootstrap). */
export const TEST_BOOTSTRAP_STATE_PATH = '../../../terraform.bootstrap.tfstate';

export interface SynthesizedProject {
  readonly project: ValidProject;
  readonly app: App;
  /** Synthesized Terraform JSON of each stack, by stack name. */
  readonly stacks: Readonly<Record<string, SynthesizedStack>>;
}

/** A synthesized stack's Terraform JSON (snake_case keys, as Terraform reads it). */
export interface SynthesizedStack {
  readonly terraform: {
    backend: Record<string, Record<string, unknown>>;
    required_providers: Record<string, unknown>;
    required_version?: string;
  };
  readonly provider: { aws: Array<Record<string, unknown>> };
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: unknown; description?: string }>;
  /** Terraform `removed` blocks (emitted as a stack override). */
  readonly removed?: Array<{ from: string; lifecycle?: { destroy?: boolean } }>;
}

/**
 * Validates and wires the project exactly as main.ts does; each stack is synthesized the first
 * time a test reads it (a test of the bootstrap need not pay for a hundred environment stacks).
 */
export function synthProject(config: ProjectConfig = testConfig(), emulator?: Emulator): SynthesizedProject {
  const project = validateProject(config);
  const app = Testing.app();
  addProjectStacks(app, project, { bootstrapStatePath: TEST_BOOTSTRAP_STATE_PATH });
  if (emulator !== undefined) applyEmulatorMode(app, emulator);
  const stacks: Record<string, SynthesizedStack> = {};
  for (const child of app.node.children) {
    const stack = child as TerraformStack;
    let synthesized: SynthesizedStack | undefined;
    Object.defineProperty(stacks, stack.node.id, {
      enumerable: true,
      get: () => (synthesized ??= JSON.parse(Testing.synth(stack)) as SynthesizedStack),
    });
  }
  return { project, app, stacks };
}
