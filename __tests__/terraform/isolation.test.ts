import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeTerraformCliConfig } from '../../tools/terraform/cli-config';
import { awsProviderVersion, findProviderMirror } from '../../tools/terraform/provider-mirror';
import { runCommand, terraform } from '../../tools/terraform/run';
import { prepareTerraform } from '../../tools/terraform/setup';

// A suite that shares nothing with the machine. Terraform's plugin cache is not safe for concurrent
// installs ("after installing ... it is still not detected in <cache>; this is a bug in Terraform"),
// and the cdktf CLI points every run at ~/.terraform.d/plugin-cache. Here another Terraform keeps
// reinstalling the aws provider into that default cache of the same HOME, while this project's own
// setup (tools/terraform/setup.ts, what every e2e test and the demo use) initializes every stack.
const ROOT = path.resolve(__dirname, '../..');
const ROUNDS = 3;

let work: string;
let home: string;
let defaultCache: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'isolation-'));
  home = path.join(work, 'someones-home');
  defaultCache = path.join(home, '.terraform.d', 'plugin-cache');
  fs.mkdirSync(home, { recursive: true });
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Another Terraform on the machine: init after init, reinstalling the provider into the default cache. */
function startInterference(copies: number): { stop(): Promise<{ inits: number }> } {
  let stopped = false;
  let inits = 0;
  const env = {
    ...process.env,
    HOME: home,
    TF_PLUGIN_CACHE_DIR: defaultCache,
    TF_CLI_CONFIG_FILE: writeTerraformCliConfig(path.join(work, 'other'), { mirror: findProviderMirror() }),
    CHECKPOINT_DISABLE: '1',
  };
  const loops = Array.from({ length: copies }, async (_, copy) => {
    const dir = path.join(work, 'other', `config-${copy}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify({
        terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: awsProviderVersion() } } },
      }),
    );
    while (!stopped) {
      fs.rmSync(defaultCache, { recursive: true, force: true });
      fs.rmSync(path.join(dir, '.terraform'), { recursive: true, force: true });
      await terraform(['init', '-backend=false', '-input=false'], { cwd: dir, env });
      inits++;
    }
  });
  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return { inits };
    },
  };
}

test("this project's runs pass while another terraform churns the default plugin cache, and write nothing in that HOME", async () => {
  // A user's shell as the cdktf CLI would leave it: HOME, and the shared cache configured.
  const setup = await prepareTerraform(path.join(work, 'ours'), {
    ...process.env,
    HOME: home,
    TF_PLUGIN_CACHE_DIR: defaultCache,
  });
  expect(setup.env.HOME?.startsWith(work) && !setup.env.HOME.startsWith(home)).toBe(true);
  expect(
    setup.env.TF_PLUGIN_CACHE_DIR === undefined || setup.env.TF_PLUGIN_CACHE_DIR.startsWith(path.join(work, 'ours')),
  ).toBe(true);

  const outdir = path.join(work, 'ours', 'cdktf.out');
  const synth = await runCommand(process.execPath, ['scripts/run-app.js', 'main.ts'], {
    cwd: ROOT,
    env: { ...setup.env, CDKTF_OUTDIR: outdir },
  });
  expect(synth.exitCode).toBe(0);
  const stacks = fs.readdirSync(path.join(outdir, 'stacks'));

  const interference = startInterference(2);
  const failures: string[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all(
        stacks.map(async (stack) => {
          const dir = path.join(outdir, 'stacks', stack);
          fs.rmSync(path.join(dir, '.terraform'), { recursive: true, force: true });
          return {
            stack,
            result: await terraform(['init', '-backend=false', '-input=false'], { cwd: dir, env: setup.env }),
          };
        }),
      );
      for (const { stack, result } of results) if (result.exitCode !== 0) failures.push(`${stack}: ${result.stderr}`);
    }
  } finally {
    const { inits } = await interference.stop();
    // The other Terraform really ran alongside, more than once.
    expect(inits).toBeGreaterThanOrEqual(2);
  }
  expect(failures).toEqual([]);
  // What is in that HOME is the other Terraform's cache, and nothing of ours.
  expect(fs.readdirSync(home)).toEqual(['.terraform.d']);
  expect(fs.readdirSync(path.join(home, '.terraform.d'))).toEqual(['plugin-cache']);
}, 300_000);
