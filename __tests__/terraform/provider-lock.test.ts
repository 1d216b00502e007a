import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROVIDER_LOCK_FILE, lockMismatches, lockedVersions, requiredVersions } from '../../app/provider-lock';
import { checkPrerequisites } from '../../tools/emulator/prerequisites';
import { copyProject } from '../../tools/project-copy';
import { lockProviders } from '../../tools/provider-lock/lock-providers';
import { awsProviderVersion } from '../../tools/terraform/provider-mirror';
import { runCommand, terraform } from '../../tools/terraform/run';
import { prepareTerraform, type TerraformSetup } from '../../tools/terraform/setup';

// The committed .terraform.lock.hcl: it pins hashicorp/aws with checksums, the synth puts it into
// every stack's directory, and `terraform init` refuses a provider whose checksum it does not list,
// and, read-only as in CI, a lock that would have to change. validate.test.ts inits every stack
// with it; here, what makes an init fail.
const ROOT = path.resolve(__dirname, '../..');
const COMMITTED_LOCK = fs.readFileSync(path.join(ROOT, PROVIDER_LOCK_FILE), 'utf8');
const AWS = 'registry.terraform.io/hashicorp/aws';

let workDir: string;
let setup: TerraformSetup;
let outdir: string;

beforeAll(async () => {
  checkPrerequisites({ needEmulator: false, needMirror: true });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'provider-lock-'));
  setup = await prepareTerraform(workDir);
  outdir = path.join(workDir, 'out');
  const { AWS_ENDPOINT_URL: _unset, ...env } = setup.env;
  const synth = await runCommand(process.execPath, ['scripts/run-app.js', 'main.ts'], {
    cwd: ROOT,
    env: { ...env, CDKTF_OUTDIR: outdir },
  });
  expect(synth.stderr).toBe('');
  expect(synth.exitCode).toBe(0);
}, 120_000);

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** A fresh copy of the synthesized dev stack (no .terraform yet), with `lock` as its lock file. */
function devStackWith(lock: string, name: string): string {
  const directory = path.join(workDir, name);
  fs.cpSync(path.join(outdir, 'stacks', 'dev'), directory, { recursive: true });
  fs.writeFileSync(path.join(directory, PROVIDER_LOCK_FILE), lock);
  return directory;
}

function init(directory: string, extra: readonly string[] = []) {
  return terraform(['init', '-backend=false', '-input=false', ...extra], { cwd: directory, env: setup.env });
}

test('the committed lock pins the hashicorp/aws version @cdktf/provider-aws was generated from, with checksums', () => {
  expect(lockedVersions(COMMITTED_LOCK)).toEqual({ [AWS]: awsProviderVersion() });
  expect(COMMITTED_LOCK).toMatch(/constraints = "5\.100\.0"/);
  expect(COMMITTED_LOCK).toMatch(/"h1:[A-Za-z0-9+/]{43}="/);
  expect(lockMismatches(COMMITTED_LOCK, requiredVersions(outdir))).toEqual([]);
});

test('the synth puts it, unchanged, into every stack directory', () => {
  for (const stack of fs.readdirSync(path.join(outdir, 'stacks'))) {
    expect(fs.readFileSync(path.join(outdir, 'stacks', stack, PROVIDER_LOCK_FILE), 'utf8')).toBe(COMMITTED_LOCK);
  }
});

test('a tampered checksum makes terraform init fail', async () => {
  const tampered = COMMITTED_LOCK.replace(/"h1:[A-Za-z0-9+/]{4}/, '"h1:AAAA');
  expect(tampered).not.toBe(COMMITTED_LOCK);
  const result = await init(devStackWith(tampered, 'tampered'));
  expect(result.exitCode).not.toBe(0);
  expect(result.stderr.replace(/\s+/g, ' ')).toContain(
    "registry.terraform.io/hashicorp/aws 5.100.0 doesn't match any of the checksums previously recorded in the dependency lock file",
  );
}, 120_000);

test('read-only, as in CI, an init that would have to change the lock fails; without it, it changes it', async () => {
  const withoutAws = COMMITTED_LOCK.replace(/^provider "[^"]+" \{[\s\S]*?^\}\n?/m, '');
  expect(lockedVersions(withoutAws)).toEqual({});
  const readOnly = await init(devStackWith(withoutAws, 'read-only'), ['-lockfile=readonly']);
  expect(readOnly.exitCode).not.toBe(0);
  expect(readOnly.stderr.replace(/\s+/g, ' ')).toContain('the lock file is read-only');
  const writable = devStackWith(withoutAws, 'writable');
  expect((await init(writable)).exitCode).toBe(0);
  expect(lockedVersions(fs.readFileSync(path.join(writable, PROVIDER_LOCK_FILE), 'utf8'))).toEqual({
    [AWS]: awsProviderVersion(),
  });
}, 120_000);

test('a lock of another version fails init and the synth names the mismatch: re-lock after an upgrade', async () => {
  const other = COMMITTED_LOCK.replace(/version\s+= "5\.100\.0"/, 'version     = "5.99.0"').replace(
    /constraints = "5\.100\.0"/,
    'constraints = "5.99.0"',
  );
  expect(lockMismatches(other, requiredVersions(outdir))).toEqual([
    `it locks ${AWS} 5.99.0, the stacks require 5.100.0`,
  ]);
  const result = await init(devStackWith(other, 'other-version'), ['-lockfile=readonly']);
  expect(result.exitCode).not.toBe(0);
  expect(result.stderr.replace(/\s+/g, ' ')).toContain(
    `locked provider ${AWS} 5.99.0 does not match configured version constraint 5.100.0`,
  );
}, 120_000);

test('npm run providers:lock rewrites exactly the committed file from the mirror (offline)', async () => {
  const scratch = copyProject(ROOT, path.join(workDir, 'scratch'));
  fs.rmSync(path.join(scratch, PROVIDER_LOCK_FILE));
  const result = await lockProviders({ projectRoot: scratch, mirror: setup.mirror, env: setup.env });
  expect(result).toMatchObject({ changed: true, platforms: ['linux_amd64'] });
  expect(fs.readFileSync(path.join(scratch, PROVIDER_LOCK_FILE), 'utf8')).toBe(COMMITTED_LOCK);
  const again = await lockProviders({ projectRoot: scratch, mirror: setup.mirror, env: setup.env });
  expect(again.changed).toBe(false);
}, 240_000);
