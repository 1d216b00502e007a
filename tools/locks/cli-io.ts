import { createInterface } from 'node:readline/promises';

/** The terminal, as the CLI uses it; tests pass a recording fake. */
export interface CliIo {
  /** stdout: results (and nothing else with --json). */
  out(text: string): void;
  /** stderr: errors, refusals and progress. */
  err(text: string): void;
  /** Both stdin and stdout are a terminal: someone is there to answer a question. */
  readonly interactive: boolean;
  /** Asks one question; resolves '' on Ctrl-C or end of input, so those read as "no". */
  ask(question: string): Promise<string>;
}

async function askOnTerminal(question: string): Promise<string> {
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  const abort = new AbortController();
  readline.on('SIGINT', () => abort.abort());
  readline.on('close', () => abort.abort());
  try {
    return await readline.question(question, { signal: abort.signal });
  } catch {
    process.stdout.write('\n');
    return '';
  } finally {
    readline.close();
  }
}

export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
    ask: askOnTerminal,
  };
}
