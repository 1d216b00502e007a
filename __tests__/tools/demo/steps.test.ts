import { renderFailure, StepError, StepFailed, Steps, type DemoIo } from '../../../tools/demo/steps';

function recorder(): DemoIo & { text: () => string } {
  const chunks: string[] = [];
  return { write: (text) => void chunks.push(text), tty: false, text: () => chunks.join('') };
}

/** A clock that advances by the given milliseconds on each reading. */
function clock(...steps: number[]): () => number {
  let now = 0;
  return () => (now += steps.shift() ?? 0);
}

test('numbers each step and shows its duration and summary', async () => {
  const io = recorder();
  const steps = new Steps(io, 2, clock(0, 1500, 0, 70_250));
  expect(
    await steps.run('Start the emulator', async () => ({ value: 42, summary: 'moto at http://127.0.0.1:1' })),
  ).toBe(42);
  await steps.run('Deploy the bootstrap', async () => ({ value: undefined }), 'about 70 s');
  expect(io.text()).toBe(
    [
      '[1/2] Start the emulator',
      '      done in 1.5 s: moto at http://127.0.0.1:1',
      '[2/2] Deploy the bootstrap (about 70 s)',
      '      done in 70.3 s',
      '',
    ].join('\n'),
  );
});

test('a failure is shown under its step and rethrown with the step', async () => {
  const io = recorder();
  const steps = new Steps(io, 3, clock(0, 2000));
  const cause = new StepError('npx cdktf deploy dev exited with code 1:');
  const failed = await steps.run('Deploy dev', () => Promise.reject(cause)).catch((error: unknown) => error);
  expect(failed).toBeInstanceOf(StepFailed);
  expect((failed as StepFailed).step).toEqual({ number: 1, title: 'Deploy dev', error: cause });
  expect(io.text()).toBe('[1/3] Deploy dev\n      FAILED after 2.0 s\n');
});

describe('renderFailure', () => {
  test('names the step, what happened, what to do and where the full output is', () => {
    const error = new StepError(
      'npx cdktf deploy dev exited with code 1:',
      ['Error: Failed to get existing workspaces: S3 bucket "b" does not exist.'],
      {
        problem: 'the state bucket b does not exist',
        advice: 'Deploy it first: npx cdktf deploy bootstrap',
      },
    );
    expect(renderFailure({ number: 7, title: 'Deploy dev', error }, '/tmp/demo/demo.log')).toBe(
      [
        '',
        'Step 7 "Deploy dev" failed.',
        '  npx cdktf deploy dev exited with code 1:',
        '    Error: Failed to get existing workspaces: S3 bucket "b" does not exist.',
        '  Problem: the state bucket b does not exist.',
        '  What to do: Deploy it first: npx cdktf deploy bootstrap',
        '  Full output: /tmp/demo/demo.log',
        '',
      ].join('\n'),
    );
  });

  test('any other error: its message, e.g. the missing prerequisites', () => {
    const error = new Error('Missing prerequisites:\n  - moto_server is not on PATH');
    expect(renderFailure({ number: 1, title: 'Check prerequisites', error }, undefined)).toBe(
      '\nStep 1 "Check prerequisites" failed.\n  Missing prerequisites:\n    - moto_server is not on PATH\n',
    );
  });
});
