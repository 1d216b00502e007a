// Entry of `npm run demo` (bundled and run by scripts/run-app.js). All logic is in run-demo.ts,
// which tests call directly; this file only binds it to the process.
import { projectConfig } from '../../config/project';
import { projectRoot } from '../project-root';
import { DEMO_USAGE, DemoUsageError, parseDemoArgs, type DemoArgs } from './args';
import { runDemo } from './run-demo';

function parse(): DemoArgs | number {
  try {
    return parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof DemoUsageError)) throw error;
    process.stderr.write(`demo: ${error.message}\n\n${DEMO_USAGE}`);
    return 2;
  }
}

// Piped into something that stops reading (`npm run demo | head`): keep going, so the emulator is
// still stopped and the scratch directory removed, instead of dying on EPIPE halfway.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

async function main(): Promise<number> {
  const args = parse();
  if (typeof args === 'number') return args;
  if (args.help) {
    process.stdout.write(DEMO_USAGE);
    return 0;
  }
  // Ctrl-C once: stop the running command and the emulator, then exit. Twice: exit at once.
  const interrupt = new AbortController();
  const onSignal = () => {
    if (interrupt.signal.aborted) process.exit(130);
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
