import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkPrerequisites } from '../../../tools/emulator/prerequisites';
import { prepareTerraform } from '../../../tools/terraform/setup';
import { E2E_VARIABLES, terraformSettings } from './e2e';

/**
 * Checks what the e2e run needs (failing at once, naming what to install), writes the run's
 * Terraform setup (see prepareTerraform). Each test file starts its own emulator
 * (useEmulator in ./e2e.ts).
 */
export default async function globalSetup(): Promise<void> {
  checkPrerequisites({ needEmulator: true, needMirror: true });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-remote-state-e2e-'));
  const setup = await prepareTerraform(path.join(workDir, 'terraform'));
  // Test workers start after this and inherit the environment.
  process.env[E2E_VARIABLES.workDir] = workDir;
  process.env[E2E_VARIABLES.terraformEnv] = JSON.stringify(terraformSettings(setup.env));
}
