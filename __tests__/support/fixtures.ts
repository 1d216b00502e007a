import { App, Testing, type TerraformStack } from 'cdktf';
import type { ProjectConfig } from '../../config/types';
import { validateProject, type ValidProject } from '../../naming/project';
import type { Emulator } from '../../app/emulator-endpoint';
import { applyEmulatorMode } from '../../app/emulator-mode';
import { addProjectStacks } from '../../stacks';

/**
 * A fixed configuration for tests, independent of the user's config/project.ts so that
 * editing the project's configuration does not break the test suite's snapshots.
 */
export function testConfig(overrides: Partial<ProjectConfig> = {}): ProjectConfig {
  return {
    project: 'acme',
    stateRegion: 'eu-west-1',
    accountId: '111122223333',
    tags: { Owner: 'platform' },
    environments: {
      dev: { region: 'eu-west-1', tags: { CostCenter: 'dev' } },
      prod: { region: 'eu-central-1', allowedAccountIds: ['444455556666'] },
    },
    ...overrides,
  };
}

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

/** Validates and wires the project exactly as main.ts does, then synthesizes each stack. */
export function synthProject(config: ProjectConfig = testConfig(), emulator?: Emulator): SynthesizedProject {
  const project = validateProject(config);
  const app = Testing.app();
  addProjectStacks(app, project, { bootstrapStatePath: TEST_BOOTSTRAP_STATE_PATH });
  if (emulator !== undefined) applyEmulatorMode(app, emulator);
  const stacks: Record<string, SynthesizedStack> = {};
  for (const child of app.node.children) {
    const stack = child as TerraformStack;
    stacks[stack.node.id] = JSON.parse(Testing.synth(stack)) as SynthesizedStack;
  }
  return { project, app, stacks };
}

/** The layout of docs/multi-account.md: state in one account, dev and prod each in their own. */
export const STATE_ACCOUNT = '111111111111';
export const DEV_DEPLOYER = 'arn:aws:iam::222222222222:role/terraform-deploy';
export const PROD_DEPLOYER = 'arn:aws:iam::333333333333:role/terraform-deploy';

export function threeAccounts(overrides: Partial<ProjectConfig> = {}): ProjectConfig {
  return testConfig({
    accountId: STATE_ACCOUNT,
    environments: {
      dev: {
        region: 'eu-west-1',
        accountId: '222222222222',
        deployRoleArn: DEV_DEPLOYER,
        stateAccessPrincipals: [DEV_DEPLOYER],
      },
      prod: {
        region: 'eu-central-1',
        accountId: '333333333333',
        deployRoleArn: PROD_DEPLOYER,
        stateAccessPrincipals: [PROD_DEPLOYER],
      },
    },
    ...overrides,
  });
}
