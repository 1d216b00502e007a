import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjectConfig } from '../../../config/types';
import { ScratchProject } from '../../../tools/emulator/scratch-project';
import { terraformEnv } from '../../../tools/terraform/cli-config';
import { E2E_VARIABLES, e2eConfig } from './e2e';

function variable(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tests through jest (npm run test:e2e), which starts the emulator`);
  return value;
}

/** Like scratchProject(), aimed at `endpoint` instead of the run's emulator (e.g. a port nothing listens on). */
export function scratchProjectAt(name: string, endpoint: string, config: ProjectConfig = e2eConfig(name)): ScratchProject {
  const directory = path.join(variable(E2E_VARIABLES.workDir), name);
  fs.rmSync(directory, { recursive: true, force: true });
  return new ScratchProject({
    source: path.resolve(__dirname, '../../..'),
    directory,
    config,
    endpoint,
    terraformEnv: terraformEnv(variable(E2E_VARIABLES.cliConfig), variable(E2E_VARIABLES.pluginCache)),
  });
}
