import * as os from 'node:os';
import * as path from 'node:path';
import { terraformEnv, writeTerraformCliConfig } from './cli-config';
import { findProviderMirror } from './provider-mirror';

export interface TerraformSetup {
  /** Environment to run terraform and cdktf with. */
  readonly env: NodeJS.ProcessEnv;
  readonly mirror?: string;
  readonly pluginCacheDir: string;
}

/**
 * Writes this run's own Terraform CLI configuration into `directory`: the machine's provider
 * mirror when there is one (found at run time), and a shared plugin cache.
 */
export function prepareTerraform(directory: string, base: NodeJS.ProcessEnv = process.env): TerraformSetup {
  const mirror = findProviderMirror(base);
  // The cdktf CLI's own default, so plain terraform and cdktf share one copy of the provider.
  const pluginCacheDir =
    base.TF_PLUGIN_CACHE_DIR || path.join(base.HOME ?? os.homedir(), '.terraform.d', 'plugin-cache');
  const cliConfigFile = writeTerraformCliConfig(directory, { mirror, pluginCacheDir });
  return { env: terraformEnv(cliConfigFile, pluginCacheDir, base), mirror, pluginCacheDir };
}
