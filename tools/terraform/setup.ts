import * as fs from 'node:fs';
import * as path from 'node:path';
import { terraformEnv, writeTerraformCliConfig } from './cli-config';
import { awsProviderVersion, findProviderMirror } from './provider-mirror';
import { terraform } from './run';

export interface TerraformSetup {
  /** Environment to run terraform and cdktf with. */
  readonly env: NodeJS.ProcessEnv;
  readonly mirror?: string;
  /** Only without a mirror: this run's own plugin cache, filled once. */
  readonly pluginCacheDir?: string;
}

/**
 * This run's own Terraform setup, all inside `directory`: a CLI configuration with the machine's
 * provider mirror when there is one (found at run time), its own HOME, and no shared plugin cache.
 * With a mirror, `terraform init` links the provider from the mirror and needs no cache at all.
 * Without one (the public registry), the run gets a private cache, filled once here so that
 * stacks initialized in parallel afterwards only link it. Either way nothing is shared with
 * another process on the machine, nor written under the user's home.
 */
export async function prepareTerraform(
  directory: string,
  base: NodeJS.ProcessEnv = process.env,
): Promise<TerraformSetup> {
  const mirror = findProviderMirror(base);
  const pluginCacheDir = mirror === undefined ? path.join(directory, 'plugin-cache') : undefined;
  const home = path.join(directory, 'home');
  fs.mkdirSync(home, { recursive: true });
  const cliConfigFile = writeTerraformCliConfig(directory, { mirror, pluginCacheDir });
  const env = terraformEnv({ cliConfigFile, home, pluginCacheDir }, base);
  if (pluginCacheDir !== undefined) await fillPluginCache(path.join(directory, 'fill-cache'), env);
  return { env, mirror, pluginCacheDir };
}

async function fillPluginCache(directory: string, env: NodeJS.ProcessEnv): Promise<void> {
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(
    path.join(directory, 'main.tf.json'),
    JSON.stringify({
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: awsProviderVersion() } } },
    }),
  );
  const result = await terraform(['init', '-backend=false', '-input=false'], { cwd: directory, env });
  if (result.exitCode !== 0) throw new Error(`terraform init failed while filling the plugin cache:\n${result.stderr}`);
}
