import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../tools/emulator/moto';
import { checkPrerequisites } from '../../../tools/emulator/prerequisites';
import { prepareTerraform } from '../../../tools/terraform/setup';
import { warmPluginCache } from '../../../tools/terraform/warm-cache';
import { E2E_VARIABLES } from './e2e';

declare global {
  var e2eEmulator: RunningEmulator | undefined;
}

/** Starts one moto server for the whole e2e run; test files share it with distinct projects. */
export default async function globalSetup(): Promise<void> {
  checkPrerequisites({ needEmulator: true, needMirror: true });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-remote-state-e2e-'));
  const setup = prepareTerraform(workDir);
  await warmPluginCache(path.join(workDir, 'warm-cache'), setup.env);
  const emulator = await startEmulator({ logDirectory: workDir });
  globalThis.e2eEmulator = emulator;
  // Test workers start after this and inherit the environment.
  process.env[E2E_VARIABLES.endpoint] = emulator.endpoint;
  process.env[E2E_VARIABLES.workDir] = workDir;
  process.env[E2E_VARIABLES.cliConfig] = setup.env.TF_CLI_CONFIG_FILE;
  process.env[E2E_VARIABLES.pluginCache] = setup.pluginCacheDir;
}
