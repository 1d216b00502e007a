import { UsageError } from '../../../tools/cli/usage';
import { parseDemoArgs } from '../../../tools/demo/args';

test('no arguments: run, then stop the emulator', () => {
  expect(parseDemoArgs([])).toEqual({ keep: false, help: false });
});

test('--keep leaves the emulator running', () => {
  expect(parseDemoArgs(['--keep'])).toEqual({ keep: true, help: false });
});

test.each([['--help'], ['-h']])('%s asks for the usage', (flag) => {
  expect(parseDemoArgs([flag])).toEqual({ keep: false, help: true });
});

test.each([
  [['--kep'], 'unknown option --kep'],
  [['keep'], 'unexpected argument keep'],
  [['--keep=yes'], "Option '--keep' does not take an argument"],
])('%j is a usage error: %s', (argv, message) => {
  expect(() => parseDemoArgs(argv)).toThrow(new UsageError(message));
});
