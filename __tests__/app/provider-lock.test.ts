import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  PROVIDER_LOCK_FILE,
  copyProviderLock,
  lockMismatchWarning,
  lockMismatches,
  lockedVersions,
  providerAddress,
  requiredVersions,
} from '../../app/provider-lock';

const LOCK = `# This file is maintained automatically by "terraform init".

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.100.0"
  constraints = "5.100.0"
  hashes = [
    "h1:edXOJWE4ORX8Fm+dpVpICzMZJat4AX0VRCAy/xkcOc0=",
  ]
}

provider "registry.terraform.io/hashicorp/random" {
  version = "3.6.0"
}
`;

let root: string;
let outdir: string;

function writeStack(name: string, requiredProviders: Record<string, { source: string; version: string }>): void {
  const directory = path.join(outdir, 'stacks', name);
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(
    path.join(directory, 'cdk.tf.json'),
    JSON.stringify({ terraform: { required_providers: requiredProviders } }),
  );
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'provider-lock-'));
  outdir = path.join(root, 'cdktf.out');
  writeStack('bootstrap', { aws: { source: 'aws', version: '5.100.0' } });
  writeStack('dev', { aws: { source: 'aws', version: '5.100.0' } });
  const stack = (name: string) => ({
    workingDirectory: `stacks/${name}`,
    synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
  });
  fs.writeFileSync(
    path.join(outdir, 'manifest.json'),
    JSON.stringify({ stacks: { bootstrap: stack('bootstrap'), dev: stack('dev') } }),
  );
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

test('provider addresses are normalized as Terraform does', () => {
  expect(providerAddress('aws')).toBe('registry.terraform.io/hashicorp/aws');
  expect(providerAddress('hashicorp/AWS')).toBe('registry.terraform.io/hashicorp/aws');
  expect(providerAddress('example.com/acme/thing')).toBe('example.com/acme/thing');
});

test('the lock file is read for each provider and version', () => {
  expect(lockedVersions(LOCK)).toEqual({
    'registry.terraform.io/hashicorp/aws': '5.100.0',
    'registry.terraform.io/hashicorp/random': '3.6.0',
  });
});

test('the synthesized stacks require exact versions, by address; other constraints are left to Terraform', () => {
  writeStack('dev', {
    aws: { source: 'aws', version: '5.100.0' },
    null: { source: 'hashicorp/null', version: '~> 3.0' },
  });
  expect(requiredVersions(outdir)).toEqual({ 'registry.terraform.io/hashicorp/aws': '5.100.0' });
});

test('the synth copies the committed lock into every stack directory and finds it fits', () => {
  fs.writeFileSync(path.join(root, PROVIDER_LOCK_FILE), LOCK);
  const copy = copyProviderLock(root, outdir);
  expect(copy.mismatches).toEqual([]);
  expect(copy.stackDirectories.map((directory) => path.relative(outdir, directory))).toEqual([
    'stacks/bootstrap',
    'stacks/dev',
  ]);
  for (const directory of copy.stackDirectories) {
    expect(fs.readFileSync(path.join(directory, PROVIDER_LOCK_FILE), 'utf8')).toBe(LOCK);
  }
});

test('without a committed lock, nothing is copied (cdktf then locks as it does by default)', () => {
  expect(copyProviderLock(root, outdir)).toEqual({ stackDirectories: [], mismatches: [] });
  expect(fs.existsSync(path.join(outdir, 'stacks', 'dev', PROVIDER_LOCK_FILE))).toBe(false);
});

test('after a provider upgrade the synth says what does not fit and what to run', () => {
  writeStack('dev', { aws: { source: 'aws', version: '5.101.0' }, tls: { source: 'hashicorp/tls', version: '4.0.6' } });
  fs.writeFileSync(path.join(root, PROVIDER_LOCK_FILE), LOCK);
  const { mismatches } = copyProviderLock(root, outdir);
  expect(mismatches).toEqual([
    'it locks registry.terraform.io/hashicorp/aws 5.100.0, the stacks require 5.101.0',
    'registry.terraform.io/hashicorp/tls 4.0.6 is not in it',
  ]);
  expect(lockMismatches(LOCK, { 'registry.terraform.io/hashicorp/aws': '5.100.0' })).toEqual([]);
  expect(lockMismatchWarning(mismatches)).toContain('Run `npm run providers:lock` and commit the file');
});
