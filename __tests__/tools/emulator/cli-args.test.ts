import { EmulatorUsageError, parseEmulatorArgs } from '../../../tools/emulator/cli-args';

test.each(['start', 'env', 'stop', 'status'])('%s is a command', (command) => {
  expect(parseEmulatorArgs([command])).toEqual({ command });
});

test.each([[['--help']], [['-h']], [['start', '--help']], [['nonsense', '-h']]])('%j asks for the usage', (argv) => {
  expect(parseEmulatorArgs(argv)).toEqual({ command: 'help' });
});

test.each([
  [[], 'missing command: one of start, env, stop, status'],
  [['begin'], 'unknown command "begin": one of start, env, stop, status'],
  [['Start'], 'unknown command "Start": one of start, env, stop, status'],
  [['start', '--port', '5000'], 'unknown option --port'],
  [['--detach'], 'unknown option --detach'],
  [['stop', 'now'], 'unexpected argument now'],
])('%j is a usage error: %s', (argv, message) => {
  expect(() => parseEmulatorArgs(argv)).toThrow(new EmulatorUsageError(message));
});
