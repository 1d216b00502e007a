import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  linkTerrainModules,
  migrateToTerrain,
  renameCoreImports,
  terrainManifest,
  TARGET_VERSIONS,
  useNativeLockfile,
  withTargetVersions,
  type PackageManifest,
} from '../../../tools/terrain/migrate';

const ROOT = path.resolve(__dirname, '../../..');

describe('renameCoreImports', () => {
  test.each([
    ["import { App } from 'cdktf';", "import { App } from 'cdktn';"],
    ['import type { TerraformStack } from "cdktf";', 'import type { TerraformStack } from "cdktn";'],
    ["export { S3Backend } from 'cdktf';", "export { S3Backend } from 'cdktn';"],
    ["import { x } from 'cdktf/lib/tokens';", "import { x } from 'cdktn/lib/tokens';"],
    ["const cdktf = require('cdktf');", "const cdktf = require('cdktn');"],
    ["await import('cdktf')", "await import('cdktn')"],
    ["import 'cdktf';", "import 'cdktn';"],
  ])('%s', (before, after) => {
    expect(renameCoreImports(before)).toBe(after);
  });

  test.each([
    ["import { X } from '@cdktf/provider-aws/lib/provider';"],
    ["import x from 'cdktf-cli';"],
    ["tags: { ManagedBy: 'cdktf' },"],
    ["// cdktf 0.21's S3BackendConfig has no useLockfile."],
  ])('leaves %s alone', (text) => {
    expect(renameCoreImports(text)).toBe(text);
  });
});

describe('useNativeLockfile', () => {
  const source = fs.readFileSync(path.join(ROOT, 'stacks', 'state-backend.ts'), 'utf8');

  test("stacks/state-backend.ts sets the backend's useLockfile instead of overriding use_lockfile", () => {
    const migrated = useNativeLockfile(source);
    expect(migrated).toContain(
      '    dynamodbTable: settings.dynamodb_table,\n    useLockfile: settings.use_lockfile,\n',
    );
    expect(migrated).not.toContain('addOverride');
    expect(migrated).not.toMatch(/\/\/.*useLockfile/);
  });

  test('refuses a file without the override, rather than compare something else', () => {
    expect(() => useNativeLockfile(source.replace(/.*addOverride.*\n/, ''))).toThrow(/no longer sets use_lockfile/);
  });
});

describe('terrainManifest', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageManifest;
  const migrated = terrainManifest(manifest, { core: '0.24.0', cli: '0.24.0' });

  test('depends on cdktn and cdktn-cli where the project depends on cdktf and cdktf-cli', () => {
    expect(migrated.dependencies).toMatchObject({ cdktn: '0.24.0', 'cdktn-cli': '0.24.0' });
    expect(migrated.dependencies).not.toHaveProperty('cdktf-cli');
    expect(migrated.devDependencies).not.toHaveProperty('cdktn');
    expect(migrated.devDependencies).not.toHaveProperty('cdktn-cli');
  });

  test('serves cdktf to the @cdktf/provider-aws bindings from cdktn, through an npm alias npm accepts', () => {
    expect(migrated.dependencies).toMatchObject({ cdktf: 'npm:cdktn@0.24.0', '@cdktf/provider-aws': '20.1.0' });
    // Without it: ERESOLVE, peer cdktf@"^0.21.0" from @cdktf/provider-aws@20.1.0.
    expect(migrated.overrides).toEqual({ cdktf: '$cdktf' });
  });

  test('keeps everything else', () => {
    expect(migrated.scripts).toEqual(manifest.scripts);
    expect(migrated.dependencies?.constructs).toBe(manifest.dependencies?.constructs);
  });
});

test('withTargetVersions adds the Terraform versions cdktn checks features against', () => {
  expect(withTargetVersions({ app: 'node x', output: 'cdktf.out' })).toEqual({
    app: 'node x',
    output: 'cdktf.out',
    targetVersions: { terraform: TARGET_VERSIONS.terraform },
  });
});

describe('a project copy moved to CDK Terrain and back', () => {
  let dir: string;
  let project: string;
  let modules: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrain-migrate-'));
    modules = path.join(dir, 'source-modules');
    for (const name of ['cdktf', 'cdktn', 'cdktf-cli', 'cdktn-cli', 'constructs']) {
      fs.mkdirSync(path.join(modules, name), { recursive: true });
      fs.writeFileSync(path.join(modules, name, 'package.json'), JSON.stringify({ name, version: '9.9.9' }));
    }
    fs.mkdirSync(path.join(modules, '.bin'));
    fs.symlinkSync('../cdktf-cli/package.json', path.join(modules, '.bin', 'cdktf'));
    fs.symlinkSync('../cdktn-cli/package.json', path.join(modules, '.bin', 'cdktn'));
    project = path.join(dir, 'project');
    fs.mkdirSync(path.join(project, 'stacks'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'stacks', 'state-backend.ts'), path.join(project, 'stacks', 'state-backend.ts'));
    fs.writeFileSync(path.join(project, 'main.ts'), "import { App } from 'cdktf';\n");
    fs.writeFileSync(path.join(project, 'cdktf.json'), '{"app":"node x"}\n');
    fs.writeFileSync(
      path.join(project, 'package.json'),
      '{"dependencies":{"cdktf":"0.21.0","cdktf-cli":"0.21.0"},"devDependencies":{"cdktn":"9.9.9"}}\n',
    );
    fs.mkdirSync(path.join(project, '.build'));
    fs.symlinkSync(modules, path.join(project, 'node_modules'), 'dir');
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const read = (file: string) => fs.readFileSync(path.join(project, file), 'utf8');

  test('cdktf resolves to the cdktn package, cdktf-cli and its command are gone, the rest is linked', () => {
    const migration = migrateToTerrain(project, modules);
    const nodeModules = path.join(project, 'node_modules');
    expect(fs.realpathSync(path.join(nodeModules, 'cdktf'))).toBe(fs.realpathSync(path.join(modules, 'cdktn')));
    expect(fs.realpathSync(path.join(nodeModules, 'constructs'))).toBe(
      fs.realpathSync(path.join(modules, 'constructs')),
    );
    expect(fs.existsSync(path.join(nodeModules, 'cdktf-cli'))).toBe(false);
    expect(fs.readdirSync(path.join(nodeModules, '.bin'))).toEqual(['cdktn']);
    expect(migration.versions).toEqual({ core: '9.9.9', cli: '9.9.9' });
    expect(migration.changedFiles).toEqual([
      'cdktf.json',
      'main.ts',
      'package.json',
      path.join('stacks', 'state-backend.ts'),
    ]);
    expect(read('main.ts')).toBe("import { App } from 'cdktn';\n");
    expect(read(path.join('stacks', 'state-backend.ts'))).toContain('useLockfile: settings.use_lockfile');
    expect(JSON.parse(read('cdktf.json'))).toHaveProperty('targetVersions');
    expect(fs.existsSync(path.join(project, '.build'))).toBe(false);
  });

  test('revert puts every file and the node_modules link back', () => {
    const before = ['main.ts', 'cdktf.json', 'package.json', path.join('stacks', 'state-backend.ts')].map(read);
    migrateToTerrain(project, modules).revert();
    expect(['main.ts', 'cdktf.json', 'package.json', path.join('stacks', 'state-backend.ts')].map(read)).toEqual(
      before,
    );
    expect(fs.readlinkSync(path.join(project, 'node_modules'))).toBe(modules);
    expect(fs.existsSync(path.join(modules, 'cdktf', 'package.json'))).toBe(true);
  });

  test('linkTerrainModules needs no .bin', () => {
    fs.rmSync(path.join(modules, '.bin'), { recursive: true });
    linkTerrainModules(modules, path.join(dir, 'linked'));
    expect(fs.readdirSync(path.join(dir, 'linked')).sort()).toEqual(['cdktf', 'cdktn', 'cdktn-cli', 'constructs']);
  });
});
