import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  emulatorPaths,
  EmulatorStateError,
  parseEmulatorState,
  readEmulatorState,
  removeEmulatorLeftovers,
  removeEmulatorState,
  writeEmulatorState,
  type EmulatorState,
} from '../../../tools/emulator/emulator-files';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-files-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const state: EmulatorState = {
  endpoint: 'http://127.0.0.1:41234',
  pid: 4242,
  logFile: '/p/.emulator/moto-41234.log',
  cliConfigFile: '/p/.emulator/terraform.tfrc',
  mirror: '/opt/tf-plugins',
  startedAt: '2026-11-26T10:00:00.000Z',
};

test('the files live in .emulator/ at the project root', () => {
  expect(emulatorPaths('/p')).toEqual({ directory: '/p/.emulator', stateFile: '/p/.emulator/state.json' });
});

test('no state file: no emulator recorded', () => {
  expect(readEmulatorState(emulatorPaths(root))).toBeUndefined();
});

test('written, read back the same, with or without a mirror; removed', () => {
  const paths = emulatorPaths(root);
  writeEmulatorState(paths, state);
  expect(readEmulatorState(paths)).toEqual(state);
  const { mirror: _none, ...registry } = state;
  writeEmulatorState(paths, registry);
  expect(readEmulatorState(paths)).toEqual(registry);
  expect(fs.readdirSync(paths.directory)).toEqual(['state.json']); // no temporary file left
  removeEmulatorState(paths);
  expect(readEmulatorState(paths)).toBeUndefined();
  removeEmulatorState(paths); // twice is fine
});

test.each([
  ['not json', 'not JSON'],
  ['[]', 'not a JSON object'],
  [JSON.stringify({ ...state, pid: '4242' }), 'missing or invalid: pid'],
  [JSON.stringify({ ...state, pid: 1 }), 'missing or invalid: pid'],
  [JSON.stringify({ ...state, endpoint: 'localhost:5000' }), 'missing or invalid: endpoint'],
  [JSON.stringify({ ...state, mirror: 3, startedAt: undefined }), 'missing or invalid: mirror, startedAt'],
])('an unreadable state file is refused, saying what is wrong: %s', (text, problem) => {
  expect(() => parseEmulatorState(text, '/p/.emulator/state.json')).toThrow(
    new EmulatorStateError('/p/.emulator/state.json', problem),
  );
});

test('the refusal says what to do', () => {
  expect(new EmulatorStateError('/p/.emulator/state.json', 'not JSON').message).toBe(
    '/p/.emulator/state.json is not a state file of this tool (not JSON). Stop the moto_server it describes, ' +
      'if any, by its PID, then delete the file.',
  );
});

test("leftovers of a stopped emulator are removed: its synth output and the bootstrap's emulator state", () => {
  fs.mkdirSync(path.join(root, 'cdktf.out.emulator', 'stacks', 'dev'), { recursive: true });
  fs.writeFileSync(path.join(root, 'terraform.bootstrap.emulator.tfstate'), '{}');
  fs.writeFileSync(path.join(root, 'terraform.bootstrap.emulator.tfstate.backup'), '{}');
  fs.writeFileSync(path.join(root, 'terraform.bootstrap.tfstate'), '{}');
  fs.mkdirSync(path.join(root, 'cdktf.out'));
  expect(removeEmulatorLeftovers(root)).toEqual([
    'cdktf.out.emulator',
    'terraform.bootstrap.emulator.tfstate',
    'terraform.bootstrap.emulator.tfstate.backup',
  ]);
  // The real bootstrap state and synth output are never touched.
  expect(fs.readdirSync(root).sort()).toEqual(['cdktf.out', 'terraform.bootstrap.tfstate']);
  expect(removeEmulatorLeftovers(root)).toEqual([]);
});
