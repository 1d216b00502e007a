// Entry of `npm run demo` (bundled and run by scripts/run-app.js). All logic is in run-demo.ts
// and the steps it runs (demo-steps.ts); this file only binds it to the process.
import { projectConfig } from '../../config/project';
import { projectRoot } from '../project-root';
import { EXIT_INTERRUPTED } from '../cli/exit-codes';
import { readCommandLine } from '../cli/usage';
import { DEMO_USAGE, parseDemoArgs } from './args';
import { runDemo } from './run-demo';

// Piped into something that stops reading (`npm run demo | head`): keep going, so the emulator is
// still stopped and the scratch directory removed, instead of dying on EPIPE halfway.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

async function main(): Promise<number> {
  const commandLine = readCommandLine(() => parseDemoArgs(process.argv.slice(2)), { name: 'demo', usage: DEMO_USAGE });
  if ('exitCode' in commandLine) return commandLine.exitCode;
  const { args } = commandLine;
  // Ctrl-C once: stop the running command and the emulator, then exit. Twice: exit at once.
  const interrupt = new AbortController();
  const onSignal = () => {
    if (interrupt.signal.aborted) process.exit(EXIT_INTERRUPTED);
    process.stderr.write(
      '\nInterrupted: stopping the running command and the emulator (Ctrl-C again to exit at once)\n',
    );
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const outcome = await runDemo({
    config: projectConfig,
    projectRoot: projectRoot(),
    keep: args.keep,
    io: { write: (text) => void process.stdout.write(text), tty: process.stdout.isTTY === true },
    signal: interrupt.signal,
  });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  return outcome.exitCode;
}

void main().then((code) => {
  // exitCode, not exit(): lets stdout drain when piped.
  process.exitCode = code;
});
