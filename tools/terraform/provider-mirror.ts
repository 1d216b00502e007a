import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Set to a filesystem mirror directory to skip the search, or to `registry` to use the public registry. */
export const PROVIDER_MIRROR_VARIABLE = 'TF_PROVIDER_MIRROR';
const USE_REGISTRY = 'registry';

/** Whether the user asked for the public registry instead of a mirror. */
export function registryRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[PROVIDER_MIRROR_VARIABLE] === USE_REGISTRY;
}

const AWS_PROVIDER_SOURCE = 'registry.terraform.io/hashicorp/aws';

/** The hashicorp/aws version @cdktf/provider-aws was generated from (and synthesizes as required). */
export function awsProviderVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(require.resolve('@cdktf/provider-aws/package.json'), 'utf8')) as {
    cdktf: { provider: { version: string } };
  };
  return manifest.cdktf.provider.version;
}

/** Terraform's platform name for this machine, e.g. linux_amd64. */
export function terraformPlatform(): string {
  const arch =
    ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[process.arch] ?? process.arch;
  return `${process.platform}_${arch}`;
}

function holdsProvider(mirror: string, version: string): boolean {
  return fs.existsSync(path.join(mirror, AWS_PROVIDER_SOURCE, version, terraformPlatform()));
}

// Terraform's implied local mirrors (Linux) first, then a shallow search of the usual
// places a machine image puts a shared mirror.
function candidateMirrors(home: string): string[] {
  return [
    path.join(home, '.terraform.d', 'plugins'),
    path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
  ];
}

const SEARCH_ROOTS = ['/opt', '/usr/local', '/srv', '/var/lib'];
const SEARCH_DEPTH = 3;
const SKIPPED = new Set(['node_modules', '.git', 'proc', 'sys', 'dev']);

function searchForMirror(root: string, depth: number, version: string): string | undefined {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return undefined;
  }
  if (entries.some((entry) => entry.name === 'registry.terraform.io') && holdsProvider(root, version)) return root;
  if (depth === 0) return undefined;
  for (const entry of entries) {
    if (!entry.isDirectory() || SKIPPED.has(entry.name)) continue;
    const found = searchForMirror(path.join(root, entry.name), depth - 1, version);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The directory of a Terraform filesystem mirror holding the aws provider version this project
 * pins, or undefined when there is none or the registry was asked for.
 */
export function findProviderMirror(
  env: NodeJS.ProcessEnv = process.env,
  version = awsProviderVersion(),
): string | undefined {
  const override = env[PROVIDER_MIRROR_VARIABLE];
  if (registryRequested(env)) return undefined;
  if (override !== undefined && override !== '') {
    if (!holdsProvider(override, version)) {
      throw new Error(
        `${PROVIDER_MIRROR_VARIABLE}=${override} does not hold ${AWS_PROVIDER_SOURCE} ${version} for ${terraformPlatform()} ` +
          `(expected the directory ${path.join(override, AWS_PROVIDER_SOURCE, version, terraformPlatform())})`,
      );
    }
    return override;
  }
  const home = env.HOME ?? os.homedir();
  return (
    candidateMirrors(home).find((mirror) => holdsProvider(mirror, version)) ??
    SEARCH_ROOTS.map((root) => searchForMirror(root, SEARCH_DEPTH, version)).find((mirror) => mirror !== undefined)
  );
}
