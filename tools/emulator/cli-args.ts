export type EmulatorCommand = 'start' | 'env' | 'stop' | 'status';

export type EmulatorArgs = { readonly command: EmulatorCommand } | { readonly command: 'help' };

const COMMANDS: readonly EmulatorCommand[] = ['start', 'env', 'stop', 'status'];

export const EMULATOR_USAGE = `Usage: npm run -s emulator -- start | env | stop | status

A local AWS emulator (moto) for this project, one at a time, and the shell variables that aim
cdktf, terraform and npm run locks at it. Its files are in .emulator/ at the project root.

  start    Start moto_server on a free loopback port (or find the one running) and print the
           variables to export: eval "$(npm run -s emulator -- start)"
  env      Print them again for the running emulator: eval "$(npm run -s emulator -- env)"
  stop     Stop it by its PID and print the lines that unset them: eval "$(npm run -s emulator -- stop)"
  status   Say whether it runs, where, and its log

stdout holds only shell lines, for eval; messages go to stderr. If start or env fails, or the
command line is wrong, stdout is "false": eval then fails too, and a script under set -e stops.

Exit status: 0 done (status: running), 1 failed (status: not running), 2 usage error.
Needs terraform and moto_server (pip install 'moto[server]').
`;

export class EmulatorUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorUsageError';
  }
}

/** The subcommand, or an EmulatorUsageError saying what is wrong with the command line. */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorArgs {
  if (argv.some((arg) => arg === '-h' || arg === '--help')) return { command: 'help' };
  const option = argv.find((arg) => arg.startsWith('-'));
  if (option !== undefined) throw new EmulatorUsageError(`unknown option ${option}`);
  const [command, ...rest] = argv;
  if (command === undefined) throw new EmulatorUsageError(`missing command: one of ${COMMANDS.join(', ')}`);
  if (!COMMANDS.includes(command as EmulatorCommand)) {
    throw new EmulatorUsageError(`unknown command "${command}": one of ${COMMANDS.join(', ')}`);
  }
  if (rest.length > 0) throw new EmulatorUsageError(`unexpected argument ${rest[0] ?? ''}`);
  return { command: command as EmulatorCommand };
}
