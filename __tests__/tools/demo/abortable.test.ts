import { commandUntilAborted, Interrupted, untilAborted } from '../../../tools/demo/abortable';
import type { CommandResult, StartedCommand } from '../../../tools/terraform/run';

const RESULT: CommandResult = { command: 'cdktf synth', exitCode: 0, stdout: '', stderr: '', durationMs: 1 };

/** A command that ends when told to, and records the signals it was sent. */
function fakeCommand(): StartedCommand & { signals: string[]; end: () => void } {
  const signals: string[] = [];
  const resolvers: Array<(result: CommandResult) => void> = [];
  return {
    pid: 1,
    result: new Promise<CommandResult>((resolve) => resolvers.push(resolve)),
    kill: (signal) => void signals.push(signal),
    signals,
    end: () => resolvers.forEach((resolve) => resolve(RESULT)),
  };
}

describe('untilAborted', () => {
  test('without a signal, or never aborted: the work itself', async () => {
    await expect(untilAborted(Promise.resolve(1), undefined)).resolves.toBe(1);
    await expect(untilAborted(Promise.resolve(2), new AbortController().signal)).resolves.toBe(2);
  });

  test('an abort stops the waiting, already aborted or while waiting', async () => {
    const aborted = new AbortController();
    aborted.abort();
    await expect(untilAborted(Promise.resolve(1), aborted.signal)).rejects.toThrow(Interrupted);

    const later = new AbortController();
    const waiting = untilAborted(new Promise(() => undefined), later.signal);
    later.abort();
    await expect(waiting).rejects.toThrow('interrupted (Ctrl-C)');
  });

  test('a failure of the work is passed on as an Error', async () => {
    await expect(untilAborted(Promise.reject(new Error('boom')), new AbortController().signal)).rejects.toThrow('boom');
    await expect(untilAborted(Promise.reject('text'), new AbortController().signal)).rejects.toThrow('text');
  });
});

describe('commandUntilAborted', () => {
  test('the result of a command that ends; nothing is killed', async () => {
    const command = fakeCommand();
    const signal = new AbortController();
    const result = commandUntilAborted(command, signal.signal);
    command.end();
    await expect(result).resolves.toBe(RESULT);
    signal.abort();
    expect(command.signals).toEqual([]);
  });

  test('Ctrl-C sends SIGTERM to the command and stops waiting for it', async () => {
    const command = fakeCommand();
    const signal = new AbortController();
    const result = commandUntilAborted(command, signal.signal);
    signal.abort();
    await expect(result).rejects.toThrow(Interrupted);
    expect(command.signals).toEqual(['SIGTERM']);
  });
});
