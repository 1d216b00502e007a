import { createInterface } from 'node:readline/promises';
import { PROCESS_OUTPUT, type ToolOutput } from '../cli/output';

/**
 * The terminal, as the CLI uses it; tests pass a recording fake. stdout: results (and nothing
 * else with --json); stderr: errors, refusals and progress.
 */
export interface CliIo extends ToolOutput {
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
    ...PROCESS_OUTPUT,
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
    ask: askOnTerminal,
  };
}
