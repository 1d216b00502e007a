import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkPrerequisites } from '../../../tools/emulator/prerequisites';
import { prepareTerraform } from '../../../tools/terraform/setup';
import { warmPluginCache } from '../../../tools/terraform/warm-cache';
import { E2E_VARIABLES } from './e2e';

/**
 * Checks what the e2e run needs (failing at once, naming what to install), writes the run's
 * Terraform CLI configuration and fills the plugin cache. Each test file starts its own emulator
 * (useEmulator in ./e2e.ts).
 */
export default async function globalSetup(): Promise<void> {
  checkPrerequisites({ needEmulator: true, needMirror: true });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-remote-state-e2e-'));
  const setup = prepareTerraform(workDir);
  await warmPluginCache(path.join(workDir, 'warm-cache'), setup.env);
  // Test workers start after this and inherit the environment.
  process.env[E2E_VARIABLES.workDir] = workDir;
  process.env[E2E_VARIABLES.cliConfig] = setup.env.TF_CLI_CONFIG_FILE;
  process.env[E2E_VARIABLES.pluginCache] = setup.pluginCacheDir;
}
