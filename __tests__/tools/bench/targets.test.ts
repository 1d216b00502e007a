import { atMost, describeTargets } from '../../../tools/bench/targets';
import { describeUnit, unitTargets } from '../../../tools/bench/unit-bench';

test('a limit is met up to and including it', () => {
  expect(atMost(5, 5)).toBe('met');
  expect(atMost(5.01, 5)).toBe('not met');
});

test('the targets table: one line per target, the note after the verdict', () => {
  expect(
    describeTargets([
      { figure: 'synth app vs require floor', measured: '1.28x', target: '<= 1.5x', verdict: 'met' },
      { figure: 'npm test, wall (one run)', measured: '8 min 32 s', target: '<= 5 min', verdict: 'not met', note: 'x' },
    ]),
  ).toEqual([
    'FIGURE                      MEASURED    TARGET    MET',
    'synth app vs require floor  1.28x       <= 1.5x   met',
    'npm test, wall (one run)    8 min 32 s  <= 5 min  not met (x)',
  ]);
  expect(describeTargets([])).toEqual(['(no targets in the sections run)']);
});

test("the unit tests' line and targets: issue 7's 5 s, and 1 GiB", () => {
  const result = { wallMs: 9_750, cpuMs: 15_300, peakBytes: 0.62 * 1024 ** 3, tests: 640 };
  expect(describeUnit(result)).toEqual([
    'npm run test:unit   640 tests   9.75 s wall (target <= 5 s)   15.30 s CPU   0.62 GiB peak (target <= 1 GiB)',
  ]);
  expect(unitTargets(result).map((check) => [check.target, check.verdict])).toEqual([
    ['<= 5 s', 'not met'],
    ['<= 1 GiB', 'met'],
  ]);
  expect(unitTargets({ ...result, wallMs: 4_900 })[0]?.verdict).toBe('met');
});
