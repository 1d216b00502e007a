import {
  describeSuite,
  failedTests,
  parseJestSummary,
  suiteTargets,
  type SuiteBenchResult,
} from '../../../tools/bench/suite-bench';

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

const RUN = {
  exitCode: 0,
  wallMs: 512_400,
  cpuMs: 860_000,
  peakBytes: 2.5 * 1024 ** 3,
  summary: parseJestSummary(PASSED),
  cores: 2,
};
const RESULT: SuiteBenchResult = { ...RUN, runs: [RUN, { ...RUN, wallMs: 400_000, cpuMs: 500_000 }] };

test('the suite line: outcome, counts, each run, the medians against the targets, how many cores it kept busy', () => {
  expect(describeSuite(RESULT)).toEqual([
    'npm test   passed   718 tests in 95 files (715 passed, 3 skipped)   2 run(s), wall / CPU each: 8 min 32 s / 14 min 20 s, 6 min 40 s / 8 min 20 s',
    '  median 8 min 32 s wall (target <= 6 min on 2 cores)   14 min 20 s CPU (target <= 10 min; 1.68 cores busy on average, of 2)   2.50 GiB peak',
  ]);
  expect(describeSuite({ ...RESULT, exitCode: 1, summary: parseJestSummary(FAILED) })[0]).toMatch(
    /^npm test {3}FAILED \(exit 1\) {3}718 tests in 95 files \(716 passed, 2 failed\)/,
  );
  expect(describeSuite({ ...RESULT, exitCode: 1, summary: undefined })[0]).toMatch(
    /^npm test {3}FAILED \(exit 1\) {3}no jest summary/,
  );
});

test('the suite targets: 6 minutes of wall and 10 of CPU on 2 cores, medians, and only a passing suite meets them', () => {
  expect(suiteTargets(RESULT)).toEqual([
    {
      figure: 'npm test, wall (median of 2)',
      measured: '8 min 32 s',
      target: '<= 6 min on 2 cores',
      verdict: 'not met',
    },
    {
      figure: 'npm test, CPU of the whole process tree (median of 2)',
      measured: '14 min 20 s',
      target: '<= 10 min',
      verdict: 'not met',
    },
  ]);
  expect(suiteTargets({ ...RESULT, wallMs: 350_000 })[0]?.verdict).toBe('met');
  expect(suiteTargets({ ...RESULT, cpuMs: 590_000 })[1]?.verdict).toBe('met');
  expect(suiteTargets({ ...RESULT, wallMs: 350_000, exitCode: 1 })[0]).toMatchObject({
    verdict: 'not met',
    note: 'the suite failed',
  });
  expect(suiteTargets({ ...RESULT, wallMs: 350_000, cores: 8 })[0]).toMatchObject({
    verdict: 'met',
    note: 'measured on 8 cores',
  });
  expect(suiteTargets({ ...RESULT, wallMs: 350_000, runs: [RUN] })[0]).toMatchObject({
    verdict: 'met',
    note: 'one run, not a median of 2',
  });
});

const FAILURES = `
FAIL e2e __tests__/e2e/bootstrap-day-two.test.ts (322 s)
  ● npm run teardown › --dry-run, once dev is destroyed, lists what would go and changes nothing

    expect(received).toContain(expected) // indexOf

  ● Console

    console.log
  ● state restore › refuses while a lock is held
  ● npm run teardown › --dry-run, once dev is destroyed, lists what would go and changes nothing
`;

test('a failed run names its failed tests, each once; a passing one lists none', () => {
  expect(failedTests(FAILURES)).toEqual([
    'npm run teardown › --dry-run, once dev is destroyed, lists what would go and changes nothing',
    'state restore › refuses while a lock is held',
  ]);
  expect(failedTests(PASSED)).toEqual([]);
  const failed = { ...RUN, exitCode: 1, failures: failedTests(FAILURES) };
  expect(describeSuite({ ...failed, runs: [RUN, failed] }).slice(2)).toEqual([
    '  failed in run 2: npm run teardown › --dry-run, once dev is destroyed, lists what would go and changes nothing',
    '  failed in run 2: state restore › refuses while a lock is held',
  ]);
});
