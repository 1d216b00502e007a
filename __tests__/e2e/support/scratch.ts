import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjectConfig } from '../../../config/types';
import { ScratchProject } from '../../../tools/emulator/scratch-project';

// What the e2e files and global-setup share without jest: the configurations and scratch copies.

/** moto's account: what AWS reports for any credentials there. */
export const EMULATOR_ACCOUNT_ID = '123456789012';

/** The project being tested (its code is what every scratch copy copies). */
const PROJECT_ROOT = path.resolve(__dirname, '../../..');

/** The scratch projects' own workload, copied into their workloads/ (see the file for why). */
export const E2E_WORKLOAD = 'e2e-bucket';
const E2E_WORKLOAD_FILE = path.join(__dirname, 'workloads', `${E2E_WORKLOAD}.ts`);

/** A configuration for a scratch project; `name` keeps bucket and table names apart between test files. */
export function e2eConfig(name: string, overrides: Partial<ProjectConfig> = {}): ProjectConfig {
  return {
    project: `e2e-${name}`,
    stateRegion: 'us-east-1',
    accountId: EMULATOR_ACCOUNT_ID,
    tags: { Suite: 'e2e' },
    environments: {
      dev: { region: 'us-east-1', workloads: [E2E_WORKLOAD] },
      prod: { region: 'us-east-1', workloads: [E2E_WORKLOAD] },
    },
    ...overrides,
  };
}

/** A fresh scratch copy of this project in `directory`, aimed at the emulator at `endpoint`. */
export function scratchProjectIn(
  directory: string,
  endpoint: string,
  config: ProjectConfig,
  terraformEnv: NodeJS.ProcessEnv,
): ScratchProject {
  fs.rmSync(directory, { recursive: true, force: true });
  const project = new ScratchProject({ source: PROJECT_ROOT, directory, config, endpoint, terraformEnv });
  fs.copyFileSync(E2E_WORKLOAD_FILE, path.join(project.directory, 'workloads', `${E2E_WORKLOAD}.ts`));
  return project;
}
