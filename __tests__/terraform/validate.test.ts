import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROVIDER_LOCK_FILE } from '../../app/provider-lock';
import { projectConfig } from '../../config/project';
import { checkPrerequisites } from '../../tools/emulator/prerequisites';
import { runCommand, terraform } from '../../tools/terraform/run';
import { prepareTerraform, type TerraformSetup } from '../../tools/terraform/setup';

// `terraform validate` of every stack the real app command synthesizes from config/project.ts,
// for AWS and for emulator mode, with providers from the offline mirror, installed through the
// committed .terraform.lock.hcl.
const ROOT = path.resolve(__dirname, '../..');
const MODES = { aws: {}, emulator: { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' } } as const;
const STACKS = ['bootstrap', ...Object.keys(projectConfig.environments)];
const COMMITTED_LOCK = fs.readFileSync(path.join(ROOT, PROVIDER_LOCK_FILE), 'utf8');

let workDir: string;
let setup: TerraformSetup;

beforeAll(async () => {
  checkPrerequisites({ needEmulator: false, needMirror: true });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-'));
  setup = await prepareTerraform(workDir);
}, 120_000);

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

async function synth(mode: keyof typeof MODES): Promise<string> {
  const outdir = path.join(workDir, mode);
  const { AWS_ENDPOINT_URL: _unset, ...base } = setup.env;
  const result = await runCommand(process.execPath, ['scripts/run-app.js', 'main.ts'], {
    cwd: ROOT,
    env: { ...base, ...MODES[mode], CDKTF_OUTDIR: outdir },
  });
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return outdir;
}

async function validate(
  stackDir: string,
): Promise<{ valid: boolean; error_count: number; warning_count: number; diagnostics: unknown[] }> {
  // The committed provider lock, put there by the synth, used read-only as CI uses it (.github/workflows/deploy.yml).
  const lockFile = path.join(stackDir, PROVIDER_LOCK_FILE);
  expect(fs.readFileSync(lockFile, 'utf8')).toBe(COMMITTED_LOCK);
  const init = await terraform(['init', '-backend=false', '-input=false', '-lockfile=readonly'], {
    cwd: stackDir,
    env: setup.env,
  });
  expect(init.stderr).toBe('');
  expect(init.exitCode).toBe(0);
  expect(fs.readFileSync(lockFile, 'utf8')).toBe(COMMITTED_LOCK);
  const result = await terraform(['validate', '-json'], { cwd: stackDir, env: setup.env });
  return JSON.parse(result.stdout) as {
    valid: boolean;
    error_count: number;
    warning_count: number;
    diagnostics: unknown[];
  };
}

describe.each(Object.keys(MODES) as Array<keyof typeof MODES>)('%s mode', (mode) => {
  let outdir: string;

  beforeAll(async () => {
    outdir = await synth(mode);
  }, 30_000);

  test('the app command synthesizes the bootstrap and every configured environment', () => {
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual([...STACKS].sort());
  });

  test.each(STACKS)(
    '%s passes terraform validate with no errors or warnings',
    async (stack) => {
      const result = await validate(path.join(outdir, 'stacks', stack));
      expect(result).toMatchObject({ valid: true, error_count: 0, warning_count: 0, diagnostics: [] });
    },
    120_000,
  );
});
