import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The move from cdktf to CDK Terrain (docs/cdk-terrain.md), applied to a scratch copy of this
 * project: what a user does to their own copy, with one exception forced by the provider mirror.
 *
 * - imports of `cdktf` become `cdktn`;
 * - stacks/state-backend.ts sets `useLockfile` instead of overriding `use_lockfile`;
 * - cdktf.json declares the Terraform versions the project targets (`targetVersions`), without
 *   which cdktn 0.24 refuses to synthesize `useLockfile`;
 * - package.json depends on `cdktn` and `cdktn-cli` instead of `cdktf` and `cdktf-cli`.
 *
 * The exception: the provider bindings stay `@cdktf/provider-aws` 20.1.0 (hashicorp/aws 5.100.0,
 * the version the offline mirror holds; `@cdktn/provider-aws` wraps the 6.x provider). Those
 * bindings `require("cdktf")`, so the copy's package.json also has the npm alias
 * `"cdktf": "npm:cdktn@<version>"` and its node_modules holds what npm would install for it: a
 * `cdktf` entry that is the cdktn package. Everything else links to the project's node_modules.
 */

export const CORE = { from: 'cdktf', to: 'cdktn' } as const;
export const CLI = { from: 'cdktf-cli', to: 'cdktn-cli' } as const;

/**
 * The `targetVersions` the migrated cdktf.json declares: the Terraform this project needs
 * (1.10, for S3-native locking; README's prerequisites). cdktn checks features against it.
 */
export const TARGET_VERSIONS = { terraform: '>=1.10.0' } as const;

const MODULE_SPECIFIER = /(\bfrom\s+|\brequire\(\s*|\bimport\(\s*|\bimport\s+)(['"])cdktf((?:\/[^'"]*)?)\2/g;

/** `from 'cdktf'` (and require, dynamic import, deep paths) -> `'cdktn'`; any other text is left alone. */
export function renameCoreImports(source: string): string {
  return source.replace(MODULE_SPECIFIER, (_, lead: string, quote: string, subpath: string) => {
    return `${lead}${quote}${CORE.to}${subpath}${quote}`;
  });
}

const LOCKFILE_OVERRIDE = /^[ \t]*if \(settings\.use_lockfile\) backend\.addOverride\('use_lockfile', true\);\r?\n/m;
const OVERRIDE_COMMENT = /^[ \t]*\/\/[^\n]*useLockfile[^\n]*\r?\n(?=[ \t]*if \(settings\.use_lockfile\))/m;
const DYNAMODB_PROP = /^([ \t]*)dynamodbTable: settings\.dynamodb_table,\r?\n/m;

/**
 * stacks/state-backend.ts on cdktn: the S3 backend's own `useLockfile` instead of the
 * `use_lockfile` override cdktf 0.21 needs. Fails if the file no longer has the override, so
 * the check never silently compares something else.
 */
export function useNativeLockfile(source: string): string {
  if (!LOCKFILE_OVERRIDE.test(source) || !DYNAMODB_PROP.test(source)) {
    throw new Error(
      'stacks/state-backend.ts no longer sets use_lockfile through addOverride next to dynamodbTable: update useNativeLockfile (tools/terrain/migrate.ts) and docs/cdk-terrain.md',
    );
  }
  return source
    .replace(OVERRIDE_COMMENT, '')
    .replace(LOCKFILE_OVERRIDE, '')
    .replace(DYNAMODB_PROP, (line: string, indent: string) => `${line}${indent}useLockfile: settings.use_lockfile,\n`);
}

export interface PackageManifest {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly [key: string]: unknown;
}

/** The installed versions of the packages the migration switches to. */
export interface TerrainVersions {
  readonly core: string;
  readonly cli: string;
}

/**
 * package.json on CDK Terrain: `cdktn` and `cdktn-cli` where `cdktf` and `cdktf-cli` were, plus the
 * alias that serves `cdktf` to the `@cdktf/provider-aws` bindings (which also keeps `cdktf`
 * external in scripts/run-app.js's bundle, so the bundled bindings reach it), and the override
 * npm needs to install that alias (checked by hand with `npm install`: docs/cdk-terrain.md).
 */
export function terrainManifest(manifest: PackageManifest, versions: TerrainVersions): PackageManifest {
  const rename = (section: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined => {
    if (section === undefined) return undefined;
    const renamed: Record<string, string> = {};
    for (const [name, version] of Object.entries(section)) {
      if (name === CORE.to || name === CLI.to) continue;
      if (name === CORE.from) {
        renamed[CORE.to] = versions.core;
        renamed[CORE.from] = `npm:${CORE.to}@${versions.core}`;
      } else if (name === CLI.from) renamed[CLI.to] = versions.cli;
      else renamed[name] = version;
    }
    return renamed;
  };
  const dependencies = rename(manifest.dependencies);
  const devDependencies = rename(manifest.devDependencies);
  return {
    ...manifest,
    ...(dependencies !== undefined && { dependencies }),
    ...(devDependencies !== undefined && { devDependencies }),
    // The bindings peer `cdktf ^0.21.0`; npm refuses the alias (0.24.0) with ERESOLVE unless
    // their `cdktf` is overridden with the root's own spec, the alias.
    overrides: { ...(manifest.overrides as Record<string, unknown> | undefined), [CORE.from]: `$${CORE.from}` },
  };
}

/** cdktf.json with the `targetVersions` cdktn reads (cdktf 0.21 ignores the field). */
export function withTargetVersions(cdktfJson: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { ...cdktfJson, targetVersions: { ...TARGET_VERSIONS } };
}

function installedVersion(nodeModules: string, name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(nodeModules, name, 'package.json'), 'utf8')) as { version: string })
    .version;
}

export function terrainVersions(nodeModules: string): TerrainVersions {
  return { core: installedVersion(nodeModules, CORE.to), cli: installedVersion(nodeModules, CLI.to) };
}

/**
 * node_modules as npm would install it for the migrated package.json, without installing
 * anything: a link per package of the project's node_modules, `cdktf` linking to the cdktn
 * package, no cdktf-cli, and a .bin without the cdktf command.
 */
export function linkTerrainModules(sourceNodeModules: string, destination: string): void {
  fs.mkdirSync(destination);
  for (const entry of fs.readdirSync(sourceNodeModules)) {
    if (entry === CLI.from || entry === '.bin') continue;
    const target = path.join(sourceNodeModules, entry === CORE.from ? CORE.to : entry);
    fs.symlinkSync(target, path.join(destination, entry));
  }
  const bin = path.join(sourceNodeModules, '.bin');
  if (!fs.existsSync(bin)) return;
  fs.mkdirSync(path.join(destination, '.bin'));
  for (const command of fs.readdirSync(bin)) {
    if (command === CORE.from) continue;
    fs.symlinkSync(fs.realpathSync(path.join(bin, command)), path.join(destination, '.bin', command));
  }
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.build', '.git']);

function typeScriptFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('cdktf.out'))
        files.push(...typeScriptFiles(full));
    } else if (entry.isFile() && entry.name.endsWith('.ts')) files.push(full);
  }
  return files;
}

export interface TerrainMigration {
  /** Files rewritten, relative to the project directory. */
  readonly changedFiles: readonly string[];
  readonly versions: TerrainVersions;
  /** Puts every file and the node_modules link back as they were: the project is on cdktf again. */
  revert(): void;
}

/**
 * Moves the project copy in `projectDir` (made by copyProject: node_modules links to the
 * original's) to CDK Terrain in place. Its bundle (.build) is removed, so the next synth bundles
 * the migrated sources.
 */
export function migrateToTerrain(projectDir: string, sourceNodeModules: string): TerrainMigration {
  const versions = terrainVersions(sourceNodeModules);
  const originals = new Map<string, string>();
  const rewrite = (file: string, change: (text: string) => string) => {
    const full = path.join(projectDir, file);
    const current = fs.readFileSync(full, 'utf8');
    const changed = change(current);
    if (changed === current) return;
    if (!originals.has(file)) originals.set(file, current);
    fs.writeFileSync(full, changed);
  };

  for (const file of typeScriptFiles(projectDir)) rewrite(path.relative(projectDir, file), renameCoreImports);
  rewrite(path.join('stacks', 'state-backend.ts'), useNativeLockfile);
  const json = (change: (value: Record<string, unknown>) => unknown) => (text: string) =>
    `${JSON.stringify(change(JSON.parse(text) as Record<string, unknown>), null, 2)}\n`;
  rewrite('cdktf.json', json(withTargetVersions));
  rewrite(
    'package.json',
    json((manifest) => terrainManifest(manifest as PackageManifest, versions)),
  );

  const nodeModules = path.join(projectDir, 'node_modules');
  const linkedTo = fs.lstatSync(nodeModules).isSymbolicLink() ? fs.readlinkSync(nodeModules) : undefined;
  if (linkedTo === undefined) throw new Error(`${nodeModules} is not a link to a project's node_modules`);
  fs.unlinkSync(nodeModules);
  linkTerrainModules(sourceNodeModules, nodeModules);
  const build = path.join(projectDir, '.build');
  fs.rmSync(build, { recursive: true, force: true });

  return {
    changedFiles: [...originals.keys()].sort(),
    versions,
    revert() {
      for (const [file, text] of originals) fs.writeFileSync(path.join(projectDir, file), text);
      fs.rmSync(nodeModules, { recursive: true, force: true });
      fs.symlinkSync(linkedTo, nodeModules, 'dir');
      fs.rmSync(build, { recursive: true, force: true });
    },
  };
}
