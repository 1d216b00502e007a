import type { Hint } from './hints';

/** Where the demo writes: the terminal, or a recording fake in tests. */
export interface DemoIo {
  write(text: string): void;
  /** A terminal: a ticking timer is shown while a step runs. */
  readonly tty: boolean;
}

/** A step failed: `message` says what happened, `hint` what to do about it. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
    readonly hint?: Hint,
  ) {
    super(message);
    this.name = 'StepError';
  }
}

/** A failed step, as the demo reports it at the end. */
export interface FailedStep {
  readonly number: number;
  readonly title: string;
  readonly error: unknown;
}

export class StepFailed extends Error {
  constructor(readonly step: FailedStep) {
    super(`step ${step.number} (${step.title}) failed`);
    this.name = 'StepFailed';
  }
}

export interface StepResult<T> {
  readonly value: T;
  /** One line shown after "done": what the step produced. */
  readonly summary?: string;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

const INDENT = '      ';

/** Numbered steps, each shown as it starts and when it ends, with its duration. */
export class Steps {
  private current = 0;

  constructor(
    private readonly io: DemoIo,
    private readonly total: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `action` as the next step; a failure is reported here and rethrown as StepFailed. */
  async run<T>(title: string, action: () => Promise<StepResult<T>>, note?: string): Promise<T> {
    const number = ++this.current;
    this.io.write(`[${number}/${this.total}] ${title}${note === undefined ? '' : ` (${note})`}\n`);
    const started = this.now();
    const ticker = this.io.tty
      ? setInterval(() => this.io.write(`\r${INDENT}${formatSeconds(this.now() - started)} `), 1000)
      : undefined;
    try {
      const result = await action();
      if (ticker) this.io.write('\r\x1b[K');
      const summary = result.summary === undefined ? '' : `: ${result.summary}`;
      this.io.write(`${INDENT}done in ${formatSeconds(this.now() - started)}${summary}\n`);
      return result.value;
    } catch (error) {
      if (ticker) this.io.write('\r\x1b[K');
      this.io.write(`${INDENT}FAILED after ${formatSeconds(this.now() - started)}\n`);
      throw new StepFailed({ number, title, error });
    } finally {
      if (ticker) clearInterval(ticker);
    }
  }
}

/** The failure report: the step, what happened, what to do, where the full output is. */
export function renderFailure(failed: FailedStep, logFile: string | undefined): string {
  const { error } = failed;
  const lines = [`\nStep ${failed.number} "${failed.title}" failed.`];
  if (error instanceof StepError) {
    lines.push(...error.message.split('\n').map((line) => `  ${line}`));
    lines.push(...error.details.map((line) => `    ${line}`));
    if (error.hint) lines.push(`  Problem: ${error.hint.problem}.`, `  What to do: ${error.hint.advice}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    lines.push(...message.split('\n').map((line) => `  ${line}`));
  }
  if (logFile !== undefined) lines.push(`  Full output: ${logFile}`);
  return `${lines.join('\n')}\n`;
}
