import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The dependency lock file (docs/provider-lock.md): committed at the project root, and put into
 * every stack's directory at synth, where the cdktf CLI and `terraform init` read it. Not the
 * state lock (docs/stuck-locks.md).
 */
export const PROVIDER_LOCK_FILE = '.terraform.lock.hcl';

interface SynthManifest {
  readonly stacks: Readonly<
    Record<string, { readonly workingDirectory: string; readonly synthesizedStackPath: string }>
  >;
}

function readManifest(outdir: string): SynthManifest {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as SynthManifest;
}

/** Terraform's full provider address: `aws` and `hashicorp/aws` are `registry.terraform.io/hashicorp/aws`. */
export function providerAddress(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts.join('/')}`;
  return parts.join('/');
}

/** The version each provider is locked at, by address, as the lock file records them. */
export function lockedVersions(lockFile: string): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const block of lockFile.matchAll(/^provider\s+"([^"]+)"\s*\{([\s\S]*?)^\}/gm)) {
    const version = /^\s*version\s*=\s*"([^"]+)"/m.exec(block[2] ?? '')?.[1];
    if (block[1] !== undefined && version !== undefined) versions[providerAddress(block[1])] = version;
  }
  return versions;
}

/** The exact provider versions the synthesized stacks require, by address (constraints that are not one version are left out). */
export function requiredVersions(outdir: string): Record<string, string> {
  const required: Record<string, string> = {};
  for (const stack of Object.values(readManifest(outdir).stacks)) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as {
      terraform?: { required_providers?: Record<string, { source?: string; version?: string }> };
    };
    for (const [name, provider] of Object.entries(json.terraform?.required_providers ?? {})) {
      const exact = /^=?\s*(\d+\.\d+\.\d+)$/.exec(provider.version?.trim() ?? '')?.[1];
      if (exact !== undefined) required[providerAddress(provider.source ?? name)] = exact;
    }
  }
  return required;
}

/** What the lock file lacks for the synthesized stacks: one line per provider, empty when it fits. */
export function lockMismatches(lockFile: string, required: Readonly<Record<string, string>>): string[] {
  const locked = lockedVersions(lockFile);
  return Object.entries(required)
    .filter(([address, version]) => locked[address] !== version)
    .map(([address, version]) =>
      locked[address] === undefined
        ? `${address} ${version} is not in it`
        : `it locks ${address} ${locked[address]}, the stacks require ${version}`,
    );
}

export interface ProviderLockCopy {
  /** The stack directories the lock file was copied into (none without a committed lock file). */
  readonly stackDirectories: readonly string[];
  /** Why the lock file does not fit the stacks (empty when it does). */
  readonly mismatches: readonly string[];
}

/**
 * Copies the project's lock file into every stack directory of a synth output (call after
 * app.synth()). cdktf then finds a lock that matches and does not run `terraform providers lock`,
 * and `terraform init` installs exactly the locked, checksummed provider.
 */
export function copyProviderLock(projectRoot: string, outdir: string): ProviderLockCopy {
  const source = path.join(projectRoot, PROVIDER_LOCK_FILE);
  if (!fs.existsSync(source)) return { stackDirectories: [], mismatches: [] };
  const stackDirectories = Object.values(readManifest(outdir).stacks).map((stack) =>
    path.join(outdir, stack.workingDirectory),
  );
  for (const directory of stackDirectories) fs.copyFileSync(source, path.join(directory, PROVIDER_LOCK_FILE));
  return { stackDirectories, mismatches: lockMismatches(fs.readFileSync(source, 'utf8'), requiredVersions(outdir)) };
}

/** The synth's warning when the committed lock file does not fit the stacks. */
export function lockMismatchWarning(mismatches: readonly string[]): string {
  return [
    `Warning: ${PROVIDER_LOCK_FILE} does not fit the stacks: ${mismatches.join('; ')}.`,
    '  Run `npm run providers:lock` and commit the file; until then a CI deploy fails (docs/provider-lock.md).',
  ].join('\n');
}
