import { closingLine, demoExitCode, emulatorEnding, keepsWorkDirectory } from '../../../tools/demo/ending';

describe('emulatorEnding', () => {
  test.each([
    // keep, interrupted, started, failed -> ending
    [false, false, false, true, 'not-started'],
    [true, true, false, true, 'not-started'],
    [false, false, true, false, 'as-last-step'],
    [false, false, true, true, 'quietly'],
    [false, true, true, true, 'quietly'],
    [true, false, true, false, 'keep'],
    [true, false, true, true, 'keep'],
    [true, true, true, true, 'quietly'],
    [true, true, true, false, 'as-last-step'],
  ] as const)('keep %s, interrupted %s, started %s, failed %s: %s', (keep, interrupted, started, failed, ending) => {
    expect(emulatorEnding({ keep, interrupted, started, failed })).toBe(ending);
  });
});

test('the work directory is kept with --keep or after a failure, removed otherwise', () => {
  expect(keepsWorkDirectory({ keep: false, failed: false })).toBe(false);
  expect(keepsWorkDirectory({ keep: true, failed: false })).toBe(true);
  expect(keepsWorkDirectory({ keep: false, failed: true })).toBe(true);
});

test('exit code: 130 when interrupted, 1 when a step failed, 0 otherwise', () => {
  expect(demoExitCode({ interrupted: false, failed: false })).toBe(0);
  expect(demoExitCode({ interrupted: false, failed: true })).toBe(1);
  expect(demoExitCode({ interrupted: true, failed: true })).toBe(130);
  expect(demoExitCode({ interrupted: true, failed: false })).toBe(130);
});

describe('closingLine', () => {
  const facts = { keep: false, interrupted: false, failedStep: undefined, elapsedMs: 95_400 };

  test('done: how long, and that nothing of yours changed (unless the copy is kept)', () => {
    expect(closingLine({ ...facts, exitCode: 0 })).toBe(
      '\nDone in 95.4 s. The scratch copy is removed; nothing of yours was changed.\n',
    );
    expect(closingLine({ ...facts, exitCode: 0, keep: true })).toBe('\nDone in 95.4 s.\n');
  });

  test('not done: which step failed, or that it was interrupted', () => {
    expect(closingLine({ ...facts, exitCode: 1, failedStep: 6 })).toBe(
      '\nThe demo did not finish (step 6 failed) after 95.4 s.\n',
    );
    expect(closingLine({ ...facts, exitCode: 130, interrupted: true, failedStep: 5 })).toBe(
      '\nThe demo did not finish (interrupted) after 95.4 s.\n',
    );
  });
});
