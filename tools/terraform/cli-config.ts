import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TerraformCliSettings {
  /** Filesystem mirror for hashicorp/aws; undefined means the public registry. */
  readonly mirror?: string;
  /** Shared plugin cache, so each stack links the ~700 MB provider instead of copying it. */
  readonly pluginCacheDir: string;
}

/** Writes a Terraform CLI configuration file into `directory` and returns its path. */
export function writeTerraformCliConfig(directory: string, settings: TerraformCliSettings): string {
  fs.mkdirSync(directory, { recursive: true });
  fs.mkdirSync(settings.pluginCacheDir, { recursive: true });
  const lines = [`plugin_cache_dir = ${JSON.stringify(settings.pluginCacheDir)}`];
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

/** Environment for running terraform or cdktf non-interactively with that configuration. */
export function terraformEnv(
  cliConfigFile: string,
  pluginCacheDir: string,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  return {
    ...base,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_PLUGIN_CACHE_DIR: pluginCacheDir,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    // Terraform and the cdktf CLI call HashiCorp's version-check service; offline that only logs errors.
    CHECKPOINT_DISABLE: '1',
  };
}
