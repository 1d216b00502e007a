import { UsageError } from '../../../tools/cli/usage';
import { parseBenchArgs } from '../../../tools/bench/args';

test('no arguments: everything, with the default run counts', () => {
  expect(parseBenchArgs([])).toEqual({
    quick: false,
    synthRuns: 21,
    unitRuns: 3,
    e2eRuns: 3,
    overheadRuns: 5,
    help: false,
  });
});

test('--quick and run counts', () => {
  expect(parseBenchArgs(['--quick', '--synth-runs', '5', '--unit-runs=1'])).toMatchObject({
    quick: true,
    synthRuns: 5,
    unitRuns: 1,
  });
});

test.each([
  [['--fast'], 'unknown option --fast'],
  [['e2e'], 'unexpected argument e2e'],
  [['--synth-runs', 'many'], '--synth-runs needs a whole number of runs, 1 or more, got "many"'],
  [['--e2e-runs', '0'], '--e2e-runs needs a whole number of runs, 1 or more, got "0"'],
])('%j is a usage error: %s', (argv, message) => {
  expect(() => parseBenchArgs(argv)).toThrow(new UsageError(message));
});
