import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROVIDER_LOCK_FILE } from '../../app/provider-lock';
import { ToolError } from '../cli/errors';
import { terraformEnv, writeTerraformCliConfig } from '../terraform/cli-config';
import { awsProviderVersion } from '../terraform/provider-mirror';
import { runCommand, terraform } from '../terraform/run';

/** The platforms teams run Terraform on: what a lock made with the registry covers. */
export const ALL_PLATFORMS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64', 'windows_amd64'] as const;

export interface LockProvidersOptions {
  /** The project whose .terraform.lock.hcl is written (its app is synthesized to read the providers). */
  readonly projectRoot: string;
  /** A filesystem mirror to take checksums from (offline); undefined: the public registry. */
  readonly mirror?: string;
  /** Default: every platform the mirror holds, or ALL_PLATFORMS from the registry. */
  readonly platforms?: readonly string[];
  /** Environment to run the app and terraform with (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface LockProvidersResult {
  readonly lockFile: string;
  readonly platforms: readonly string[];
  /** false when the file was already what `terraform providers lock` wrote. */
  readonly changed: boolean;
  /** Terraform's own account of what it did. */
  readonly terraformOutput: string;
}

/** The platforms a filesystem mirror holds hashicorp/aws `version` for (unpacked and packed layouts). */
export function mirrorPlatforms(mirror: string, version: string = awsProviderVersion()): string[] {
  const provider = path.join(mirror, 'registry.terraform.io', 'hashicorp', 'aws');
  const unpacked = fs.existsSync(path.join(provider, version)) ? fs.readdirSync(path.join(provider, version)) : [];
  const packed = fs.existsSync(provider)
    ? fs
        .readdirSync(provider)
        .map(
          (file) =>
            new RegExp(`^terraform-provider-aws_${version.replace(/\./g, '\\.')}_(\\w+_\\w+)\\.zip$`).exec(file)?.[1],
        )
        .filter((platform): platform is string => platform !== undefined)
    : [];
  return [...new Set([...unpacked.filter((name) => /^\w+_\w+$/.test(name)), ...packed])].sort();
}

type RequiredProviders = Record<string, { source?: string; version?: string }>;

/** Every stack's required_providers, merged: what the lock must cover. */
async function requiredProviders(
  projectRoot: string,
  workDir: string,
  env: NodeJS.ProcessEnv,
): Promise<RequiredProviders> {
  const outdir = path.join(workDir, 'synth');
  const { AWS_ENDPOINT_URL: _unset, ...base } = env;
  const synth = await runCommand(process.execPath, ['scripts/run-app.js', 'main.ts'], {
    cwd: projectRoot,
    env: { ...base, CDKTF_OUTDIR: outdir },
  });
  if (synth.exitCode !== 0) throw new ToolError(`the app did not synthesize:\n${synth.stderr.trim()}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const merged: RequiredProviders = {};
  for (const stack of Object.values(manifest.stacks)) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as {
      terraform?: { required_providers?: RequiredProviders };
    };
    Object.assign(merged, json.terraform?.required_providers ?? {});
  }
  return merged;
}

/**
 * `terraform providers lock` for every provider the stacks require, into the project's
 * .terraform.lock.hcl. Checksums already in the file for other platforms are kept (Terraform adds to
 * a lock of the same version), so an offline run after a registry run loses nothing.
 */
export async function lockProviders(options: LockProvidersOptions): Promise<LockProvidersResult> {
  const env = options.env ?? process.env;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'providers-lock-'));
  try {
    const platforms =
      options.platforms ?? (options.mirror === undefined ? [...ALL_PLATFORMS] : mirrorPlatforms(options.mirror));
    if (platforms.length === 0)
      throw new ToolError(`the mirror ${options.mirror ?? ''} holds no platform of hashicorp/aws`);
    const lockDir = path.join(workDir, 'lock');
    fs.mkdirSync(lockDir);
    fs.writeFileSync(
      path.join(lockDir, 'main.tf.json'),
      JSON.stringify({ terraform: { required_providers: await requiredProviders(options.projectRoot, workDir, env) } }),
    );
    const lockFile = path.join(options.projectRoot, PROVIDER_LOCK_FILE);
    const before = fs.existsSync(lockFile) ? fs.readFileSync(lockFile, 'utf8') : undefined;
    if (before !== undefined) fs.writeFileSync(path.join(lockDir, PROVIDER_LOCK_FILE), before);

    const home = path.join(workDir, 'home');
    fs.mkdirSync(home);
    const lockEnv = terraformEnv({ cliConfigFile: writeTerraformCliConfig(workDir, {}), home }, env);
    const args = [
      'providers',
      'lock',
      ...(options.mirror === undefined ? [] : [`-fs-mirror=${options.mirror}`]),
      ...platforms.map((platform) => `-platform=${platform}`),
    ];
    const result = await terraform(args, { cwd: lockDir, env: lockEnv, timeoutMs: 600_000 });
    if (result.exitCode !== 0) throw new ToolError(`terraform ${args.join(' ')} failed:\n${result.stderr.trim()}`);
    const after = fs.readFileSync(path.join(lockDir, PROVIDER_LOCK_FILE), 'utf8');
    if (after !== before) fs.writeFileSync(lockFile, after);
    return { lockFile, platforms, changed: after !== before, terraformOutput: result.stdout.trim() };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
