import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TerraformCliSettings {
  /** Filesystem mirror for hashicorp/aws; undefined means the public registry. */
  readonly mirror?: string;
  /** Plugin cache (registry only); with a mirror Terraform links the mirror's copy directly. */
  readonly pluginCacheDir?: string;
}

/** Writes a Terraform CLI configuration file into `directory` and returns its path. */
export function writeTerraformCliConfig(directory: string, settings: TerraformCliSettings): string {
  fs.mkdirSync(directory, { recursive: true });
  const lines: string[] = [];
  if (settings.pluginCacheDir !== undefined) {
    fs.mkdirSync(settings.pluginCacheDir, { recursive: true });
    lines.push(`plugin_cache_dir = ${JSON.stringify(settings.pluginCacheDir)}`);
  }
  if (settings.mirror !== undefined) {
    lines.push(
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(settings.mirror)}`,
      '    include = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '  direct {',
      '    exclude = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '}',
    );
  }
  const file = path.join(directory, 'terraform.tfrc');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export interface TerraformEnvSettings {
  readonly cliConfigFile: string;
  /** HOME for terraform, the cdktf CLI and the providers, so nothing lands in the user's home. */
  readonly home: string;
  /** A plugin cache of this run's own; undefined: none (the cdktf CLI is told not to set one). */
  readonly pluginCacheDir?: string;
}

/** Environment for running terraform or cdktf non-interactively with that configuration. */
export function terraformEnv(settings: TerraformEnvSettings, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  // Never inherit a cache: Terraform's plugin cache is not safe for concurrent installs from several processes.
  const { TF_PLUGIN_CACHE_DIR: _shared, ...inherited } = base;
  return {
    ...inherited,
    TF_CLI_CONFIG_FILE: settings.cliConfigFile,
    HOME: settings.home,
    CDKTF_HOME: path.join(settings.home, '.cdktf'),
    ...(settings.pluginCacheDir === undefined
      ? // The cdktf CLI would otherwise point TF_PLUGIN_CACHE_DIR at ~/.terraform.d/plugin-cache.
        { CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1' }
      : { TF_PLUGIN_CACHE_DIR: settings.pluginCacheDir }),
    // Terraform and the aws provider (a 700 MB Go binary started several times per plan) spend a
    // fifth of their CPU collecting garbage with Go's default of 100; measured on a no-op
    // `cdktf deploy dev`: 16.6 s of CPU with the default, 13.1 s with 400 (sys time rises beyond).
    GOGC: base.GOGC ?? '400',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    // Terraform and the cdktf CLI call HashiCorp's version-check service; offline that only logs errors.
    CHECKPOINT_DISABLE: '1',
  };
}
