import { spawn } from 'node:child_process';
import { commandLine, isEmulatorProcess, processAlive, stopProcess } from '../../../tools/emulator/emulator-process';

test('this process is alive, and its command line is node', () => {
  expect(processAlive(process.pid)).toBe(true);
  expect(commandLine(process.pid)).toMatch(/node/);
});

test('a PID that is not a moto_server is not the emulator, whatever port it is asked about', () => {
  expect(isEmulatorProcess(process.pid, 'http://127.0.0.1:5000')).toBe(false);
});

test('stopProcess stops a process of ours by its PID; then it is gone', async () => {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const pid = child.pid!;
  expect(processAlive(pid)).toBe(true);
  expect(await stopProcess(pid)).toBe('stopped');
  await exited;
  expect(processAlive(pid)).toBe(false);
  expect(await stopProcess(pid)).toBe('stopped'); // already gone: nothing to do
});
