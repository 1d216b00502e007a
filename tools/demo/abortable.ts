import type { CommandResult, StartedCommand } from '../terraform/run';

/** What a step fails with when the person pressed Ctrl-C. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted (Ctrl-C)');
    this.name = 'Interrupted';
  }
}

/** Rejects when the signal aborts, so a step that is waiting stops waiting. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) return Promise.reject(new Interrupted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Interrupted());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The command's result; when the signal aborts, the command (and its process group) gets SIGTERM and this rejects. */
export function commandUntilAborted(command: StartedCommand, signal: AbortSignal | undefined): Promise<CommandResult> {
  const kill = () => command.kill('SIGTERM');
  signal?.addEventListener('abort', kill, { once: true });
  return untilAborted(command.result, signal).finally(() => signal?.removeEventListener('abort', kill));
}
