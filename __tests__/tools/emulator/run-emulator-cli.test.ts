import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runEmulatorCli, type EmulatorCliDeps, type EmulatorCliIo } from '../../../tools/emulator/run-emulator-cli';

interface Recorded extends EmulatorCliIo {
  stdout: string;
  stderr: string;
}

function recordingIo(): Recorded {
  const io: Recorded = {
    stdout: '',
    stderr: '',
    stdoutIsTerminal: false,
    out: (text) => void (io.stdout += text),
    err: (text) => void (io.stderr += text),
  };
  return io;
}

let root: string;
let running: Set<number>;
let started: number;
let stopped: number[];

function fakeDeps(overrides: Partial<EmulatorCliDeps> = {}): EmulatorCliDeps {
  return {
    projectRoot: root,
    checkPrerequisites: () => undefined,
    findMirror: () => '/opt/tf-plugins',
    startEmulator: async (logDirectory) => {
      started++;
      const pid = 1000 + started;
      running.add(pid);
      return { endpoint: `http://127.0.0.1:${40000 + started}`, pid, logFile: path.join(logDirectory, 'moto.log') };
    },
    isRunning: (state) => running.has(state.pid),
    stopProcess: async (pid) => {
      stopped.push(pid);
      running.delete(pid);
      return 'stopped';
    },
    writeCliConfig: (directory) => {
      const file = path.join(directory, 'terraform.tfrc');
      fs.writeFileSync(file, '# test\n');
      return file;
    },
    now: () => new Date('2026-11-26T10:00:00Z'),
    ...overrides,
  };
}

async function run(argv: string[], deps = fakeDeps()) {
  const io = recordingIo();
  const code = await runEmulatorCli(argv, io, deps);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-cli-'));
  running = new Set();
  started = 0;
  stopped = [];
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

test('start: starts one, records it, prints only export lines on stdout', async () => {
  const result = await run(['start']);
  expect(result.code).toBe(0);
  expect(result.stdout).toBe(
    [
      'export AWS_ENDPOINT_URL=http://127.0.0.1:40001',
      `export TF_CLI_CONFIG_FILE=${path.join(root, '.emulator', 'terraform.tfrc')}`,
      'export CHECKPOINT_DISABLE=1',
      'export CDKTF_DISABLE_PLUGIN_CACHE_ENV=1',
      'export CDKTF_OUTPUT=cdktf.out.emulator',
      '',
    ].join('\n'),
  );
  expect(result.stderr).toContain(
    'emulator: started moto_server at http://127.0.0.1:40001 (PID 1001), log .emulator/moto.log',
  );
  expect(result.stderr).toContain('from the mirror /opt/tf-plugins');
  expect(JSON.parse(fs.readFileSync(path.join(root, '.emulator', 'state.json'), 'utf8'))).toMatchObject({
    endpoint: 'http://127.0.0.1:40001',
    pid: 1001,
    mirror: '/opt/tf-plugins',
    startedAt: '2026-11-26T10:00:00.000Z',
  });
});

test('start without a provider mirror: the public registry, and the same variables', async () => {
  const result = await run(['start'], fakeDeps({ findMirror: () => undefined }));
  expect(result.code).toBe(0);
  expect(result.stdout).not.toContain('CDKTF_SKIP_PROVIDER_LOCK');
  expect(result.stderr).toContain('from the public registry');
});

test('start on a terminal says how to eval it', async () => {
  const io = { ...recordingIo(), stdoutIsTerminal: true };
  let stderr = '';
  io.err = (text) => void (stderr += text);
  await runEmulatorCli(['start'], io, fakeDeps());
  expect(stderr).toContain('eval "$(npm run -s emulator -- start)"');
});

test('start while one runs: says so, starts nothing, prints the same variables (idempotent)', async () => {
  const first = await run(['start']);
  const second = await run(['start']);
  expect(second.code).toBe(0);
  expect(second.stdout).toBe(first.stdout);
  expect(second.stderr).toContain('already running: moto_server at http://127.0.0.1:40001 (PID 1001)');
  expect(started).toBe(1);
});

test('start after the recorded emulator died: starts a new one and removes what the old one left', async () => {
  await run(['start']);
  running.clear();
  fs.mkdirSync(path.join(root, 'cdktf.out.emulator', 'stacks'), { recursive: true });
  fs.writeFileSync(path.join(root, 'terraform.bootstrap.emulator.tfstate'), '{}');
  const result = await run(['start']);
  expect(result.code).toBe(0);
  expect(result.stderr).toContain('(PID 1001) has stopped; starting a new one');
  expect(result.stderr).toContain('removed cdktf.out.emulator, terraform.bootstrap.emulator.tfstate');
  expect(result.stdout).toContain('export AWS_ENDPOINT_URL=http://127.0.0.1:40002');
  expect(fs.existsSync(path.join(root, 'cdktf.out.emulator'))).toBe(false);
});

test('start when moto_server is missing: the error on stderr, "false" on stdout so eval fails, nothing recorded', async () => {
  const result = await run(
    ['start'],
    fakeDeps({
      startEmulator: () =>
        Promise.reject(
          new Error(
            "moto_server is not on PATH: install the moto AWS emulator with its server: pip install 'moto[server]'",
          ),
        ),
    }),
  );
  expect(result).toEqual({
    code: 1,
    stdout: 'false\n',
    stderr:
      "emulator: moto_server is not on PATH: install the moto AWS emulator with its server: pip install 'moto[server]'\n",
  });
  expect(fs.existsSync(path.join(root, '.emulator', 'state.json'))).toBe(false);
  expect(fs.existsSync(path.join(root, '.emulator', 'terraform.tfrc'))).toBe(false);
});

test('start when a prerequisite is missing: nothing is started', async () => {
  const result = await run(
    ['start'],
    fakeDeps({
      checkPrerequisites: () => {
        throw new Error('Missing prerequisites:\n  - terraform is not on PATH');
      },
    }),
  );
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('false\n');
  expect(started).toBe(0);
});

test('start stops the emulator again when it cannot be recorded', async () => {
  const result = await run(
    ['start'],
    fakeDeps({
      writeCliConfig: () => {
        throw new Error('EACCES: permission denied');
      },
    }),
  );
  expect(result.code).toBe(1);
  expect(stopped).toEqual([1001]);
});

test('env prints the running emulator\'s variables again; with none, "false" and exit 1', async () => {
  const start = await run(['start']);
  expect(await run(['env'])).toEqual({ code: 0, stdout: start.stdout, stderr: '' });
  running.clear();
  const none = await run(['env']);
  expect(none.code).toBe(1);
  expect(none.stdout).toBe('false\n');
  expect(none.stderr).toBe('emulator: no emulator is running; start one: eval "$(npm run -s emulator -- start)"\n');
});

test('stop: stops it by PID, removes its state, config and leftovers, keeps its log, prints the unset line', async () => {
  await run(['start']);
  fs.writeFileSync(path.join(root, '.emulator', 'moto.log'), 'log');
  fs.writeFileSync(path.join(root, 'terraform.bootstrap.emulator.tfstate'), '{}');
  const result = await run(['stop']);
  expect(result.code).toBe(0);
  expect(stopped).toEqual([1001]);
  expect(result.stdout).toBe(
    'unset AWS_ENDPOINT_URL TF_CLI_CONFIG_FILE CHECKPOINT_DISABLE CDKTF_DISABLE_PLUGIN_CACHE_ENV CDKTF_OUTPUT\n',
  );
  expect(result.stderr).toContain('emulator: stopped moto_server at http://127.0.0.1:40001 (PID 1001)');
  expect(fs.readdirSync(path.join(root, '.emulator'))).toEqual(['moto.log']);
  expect(fs.existsSync(path.join(root, 'terraform.bootstrap.emulator.tfstate'))).toBe(false);
});

test('stop when none runs: says so, exit 0, still prints the unset line', async () => {
  const result = await run(['stop']);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe('emulator: no emulator is running (none recorded in .emulator/state.json)\n');
  expect(result.stdout).toMatch(/^unset AWS_ENDPOINT_URL /);
  expect(stopped).toEqual([]);
});

test("stop when the recorded emulator had died: sends no signal (the PID may be someone else's now)", async () => {
  await run(['start']);
  running.clear();
  const result = await run(['stop']);
  expect(result.code).toBe(0);
  expect(result.stderr).toContain('(PID 1001) had already stopped');
  expect(stopped).toEqual([]);
  expect(fs.existsSync(path.join(root, '.emulator', 'state.json'))).toBe(false);
});

test('status: running (exit 0) or not (exit 1)', async () => {
  expect(await run(['status'])).toEqual({ code: 1, stdout: 'not running\n', stderr: '' });
  await run(['start']);
  expect(await run(['status'])).toEqual({
    code: 0,
    stdout:
      'running: moto_server at http://127.0.0.1:40001 (PID 1001), log .emulator/moto.log, since 2026-11-26T10:00:00.000Z\n',
    stderr: '',
  });
  running.clear();
  expect((await run(['status'])).stdout).toBe(
    'not running (the emulator recorded in .emulator/state.json, PID 1001, has stopped)\n',
  );
});

test('an unreadable state file: every command says which file and what to do', async () => {
  fs.mkdirSync(path.join(root, '.emulator'));
  fs.writeFileSync(path.join(root, '.emulator', 'state.json'), '{');
  for (const command of ['start', 'env', 'stop', 'status']) {
    const result = await run([command]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(root, '.emulator', 'state.json')} is not a state file of this tool`);
  }
  expect(started).toBe(0);
});

test.each([[['restart']], [['start', '--port=5000']], [[]]])(
  '%j: usage on stderr, "false" on stdout, exit 2',
  async (argv) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('false\n');
    expect(result.stderr).toContain('Usage: npm run -s emulator -- start | env | stop | status');
  },
);

test('--help: the usage, exit 0', async () => {
  const result = await run(['--help']);
  expect(result.code).toBe(0);
  expect(result.stderr).toContain('Usage: npm run -s emulator -- start | env | stop | status');
});
