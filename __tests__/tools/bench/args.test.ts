import { UsageError } from '../../../tools/cli/usage';
import { BENCH_SECTIONS, parseBenchArgs } from '../../../tools/bench/args';

test('no arguments: every section, with the default run counts', () => {
  const args = parseBenchArgs([]);
  expect([...args.sections]).toEqual([...BENCH_SECTIONS]);
  expect(args).toMatchObject({
    synthRuns: 21,
    unitRuns: 3,
    e2eRuns: 3,
    overheadRuns: 5,
    help: false,
  });
});

test('the sections run in a fixed order: the cheap ones first, the whole suite last', () => {
  expect(BENCH_SECTIONS).toEqual(['synth', 'unit', 'e2e', 'suite']);
});

test.each([
  [['--quick'], ['synth', 'unit']],
  [['--suite'], ['suite']],
  [
    ['--quick', '--suite'],
    ['synth', 'unit', 'suite'],
  ],
  [
    ['--e2e', '--synth'],
    ['synth', 'e2e'],
  ],
  [['--all'], [...BENCH_SECTIONS]],
  [['--suite', '--all'], [...BENCH_SECTIONS]],
])('%j runs %j', (argv, sections) => {
  expect([...parseBenchArgs(argv).sections].sort()).toEqual([...sections].sort());
});

test('run counts', () => {
  expect(parseBenchArgs(['--quick', '--synth-runs', '5', '--unit-runs=1'])).toMatchObject({
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
