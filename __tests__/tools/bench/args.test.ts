import { UsageError } from '../../../tools/cli/usage';
import { BENCH_SECTIONS, parseBenchArgs } from '../../../tools/bench/args';

test('no arguments: every section, with the default run counts and scale knobs', () => {
  const args = parseBenchArgs([]);
  expect([...args.sections]).toEqual([...BENCH_SECTIONS]);
  expect(args).toMatchObject({
    synthRuns: 21,
    unitRuns: 3,
    e2eRuns: 3,
    overheadRuns: 5,
    scaleCounts: [2, 20, 100],
    scaleRuns: 5,
    scaleDeploys: 3,
    scaleParallel: 10,
    help: false,
  });
});

test('the sections run in a fixed order: the cheap ones first, the whole suite last', () => {
  expect(BENCH_SECTIONS).toEqual(['synth', 'unit', 'scale', 'e2e', 'e2e-files', 'suite']);
});

test.each([
  [['--quick'], ['synth', 'unit']],
  [['--suite'], ['suite']],
  [['--scale'], ['scale']],
  [
    ['--quick', '--scale'],
    ['synth', 'unit', 'scale'],
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

test('run counts and scale knobs', () => {
  expect(
    parseBenchArgs([
      '--quick',
      '--synth-runs',
      '5',
      '--unit-runs=1',
      '--scale-counts',
      '2, 4,6',
      '--scale-runs=3',
      '--scale-deploys',
      '1',
      '--scale-parallel',
      '2',
    ]),
  ).toMatchObject({
    synthRuns: 5,
    unitRuns: 1,
    scaleCounts: [2, 4, 6],
    scaleRuns: 3,
    scaleDeploys: 1,
    scaleParallel: 2,
  });
});

test.each([
  [['--fast'], 'unknown option --fast'],
  [['e2e'], 'unexpected argument e2e'],
  [['--synth-runs', 'many'], '--synth-runs needs a whole number of runs, 1 or more, got "many"'],
  [['--e2e-runs', '0'], '--e2e-runs needs a whole number of runs, 1 or more, got "0"'],
  [['--scale-runs=-1'], '--scale-runs needs a whole number of runs, 1 or more, got "-1"'],
  [['--scale-counts', '20'], '--scale-counts needs two or more environment counts in ascending order, got "20"'],
  [['--scale-counts', '20,2'], '--scale-counts needs two or more environment counts in ascending order, got "20,2"'],
  [['--scale-counts', '2,2'], '--scale-counts needs two or more environment counts in ascending order, got "2,2"'],
  [['--scale-counts', '0,2'], '--scale-counts needs whole numbers from 1 to 500, got "0"'],
  [['--scale-counts', '2,1000'], '--scale-counts needs whole numbers from 1 to 500, got "1000"'],
  [['--scale-counts', '2,x'], '--scale-counts needs whole numbers from 1 to 500, got "x"'],
  [['--scale-parallel', '1'], '--scale-parallel needs whole numbers from 2 to 500, got "1"'],
  [
    ['--scale-deploys', '50', '--scale-parallel', '10'],
    '--scale-deploys 50 with --scale-parallel 10 deploys 550 environments; at most 500',
  ],
])('%j is a usage error: %s', (argv, message) => {
  expect(() => parseBenchArgs(argv)).toThrow(new UsageError(message));
});
