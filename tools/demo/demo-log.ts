import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CommandResult } from '../terraform/run';

/** The demo's log file: every command it ran, with its full output. */
export class DemoLog {
  /** How many commands have been logged. */
  commands = 0;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `npm run demo, started ${new Date().toISOString()}\n`);
  }

  note(text: string): void {
    fs.appendFileSync(this.file, `\n${text}\n`);
  }

  command(result: CommandResult, cwd: string): void {
    this.commands += 1;
    fs.appendFileSync(
      this.file,
      [
        '',
        `$ ${result.command}`,
        `  (in ${cwd}; exit code ${result.exitCode}; ${(result.durationMs / 1000).toFixed(1)} s)`,
        '--- stdout ---',
        result.stdout.trimEnd(),
        '--- stderr ---',
        result.stderr.trimEnd(),
        '',
      ].join('\n'),
    );
  }
}
