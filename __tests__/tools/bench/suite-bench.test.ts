import { describeSuite, parseJestSummary, suiteTargets, type SuiteBenchResult } from '../../../tools/bench/suite-bench';

const PASSED = `
Test Suites: 95 passed, 95 total
Tests:       3 skipped, 715 passed, 718 total
Snapshots:   9 passed, 9 total
Time:        512.3 s
Ran all test suites in 3 projects.
`;

const FAILED = `
Test Suites: 1 failed, 94 passed, 95 total
Tests:       2 failed, 716 passed, 718 total
`;

test("jest's summary: files and tests, by outcome", () => {
  expect(parseJestSummary(PASSED)).toEqual({
    suites: { passed: 95, failed: 0, skipped: 0, total: 95 },
    tests: { passed: 715, failed: 0, skipped: 3, total: 718 },
  });
  expect(parseJestSummary(FAILED)?.tests).toEqual({ passed: 716, failed: 2, skipped: 0, total: 718 });
  expect(parseJestSummary('Error: Cannot find module')).toBeUndefined();
});

const RESULT: SuiteBenchResult = {
  exitCode: 0,
  wallMs: 512_400,
  cpuMs: 860_000,
  peakBytes: 2.5 * 1024 ** 3,
  summary: parseJestSummary(PASSED),
  cores: 2,
};

test('the suite line: outcome, counts, wall against the target, CPU and how many cores it kept busy', () => {
  expect(describeSuite(RESULT)).toEqual([
    'npm test   passed   718 tests in 95 files (715 passed, 3 skipped)',
    '  8 min 32 s wall (target <= 5 min on 2 cores)   14 min 20 s CPU (1.68 cores busy on average, of 2)   2.50 GiB peak',
  ]);
  expect(describeSuite({ ...RESULT, exitCode: 1, summary: parseJestSummary(FAILED) })[0]).toBe(
    'npm test   FAILED (exit 1)   718 tests in 95 files (716 passed, 2 failed)',
  );
  expect(describeSuite({ ...RESULT, exitCode: 1, summary: undefined })[0]).toBe(
    'npm test   FAILED (exit 1)   no jest summary',
  );
});

test('the suite target: 5 minutes on 2 cores, and only a passing suite meets it', () => {
  expect(suiteTargets(RESULT)).toEqual([
    { figure: 'npm test, wall (one run)', measured: '8 min 32 s', target: '<= 5 min on 2 cores', verdict: 'not met' },
  ]);
  expect(suiteTargets({ ...RESULT, wallMs: 280_000 })[0]?.verdict).toBe('met');
  expect(suiteTargets({ ...RESULT, wallMs: 280_000, exitCode: 1 })[0]).toMatchObject({
    verdict: 'not met',
    note: 'the suite failed',
  });
  expect(suiteTargets({ ...RESULT, wallMs: 280_000, cores: 8 })[0]).toMatchObject({
    verdict: 'met',
    note: 'measured on 8 cores',
  });
});
