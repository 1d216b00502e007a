import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Config } from '@jest/types';
import { startEmulator } from '../../../tools/emulator/moto';
import { checkPrerequisites } from '../../../tools/emulator/prerequisites';
import { prepareTerraform } from '../../../tools/terraform/setup';
import { E2E_VARIABLES, terraformSettings } from './e2e';
import { setRunResources } from './run-resources';
import { startSharedBootstrap } from './shared-bootstrap';

/** The e2e files that use the shared bootstrap: those that call useSharedBootstrap(). */
function sharedBootstrapUsers(directory: string): string[] {
  return fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => path.join(directory, name))
    .filter((file) => fs.readFileSync(file, 'utf8').includes('useSharedBootstrap()'));
}

/** Whether this run selects any of `files` (no pattern: every file). */
function selectsAny(globalConfig: Config.GlobalConfig, files: readonly string[]): boolean {
  if (!globalConfig.testPathPatterns.isSet()) return files.length > 0;
  const executor = globalConfig.testPathPatterns.toExecutor({ rootDir: globalConfig.rootDir });
  return files.some((file) => executor.isMatch(file));
}

/**
 * Checks what the e2e run needs (failing at once, naming what to install), writes the run's
 * Terraform setup (see prepareTerraform), starts the run's emulator, and, when a selected file
 * uses it, starts deploying the shared bootstrap in the background: its minute passes while the
 * other files run (support/shared-bootstrap.ts).
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  checkPrerequisites({ needEmulator: true, needMirror: true });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-remote-state-e2e-'));
  const setup = await prepareTerraform(path.join(workDir, 'terraform'));
  const emulator = await startEmulator({ logDirectory: workDir });
  // Test workers start after this and inherit the environment.
  process.env[E2E_VARIABLES.workDir] = workDir;
  process.env[E2E_VARIABLES.terraformEnv] = JSON.stringify(terraformSettings(setup.env));
  process.env[E2E_VARIABLES.emulator] = emulator.endpoint;
  const sharedBootstrap = selectsAny(globalConfig, sharedBootstrapUsers(path.resolve(__dirname, '..')))
    ? startSharedBootstrap(workDir, emulator.endpoint, setup.env)
    : undefined;
  setRunResources({ emulator, sharedBootstrap });
}
