import type { ParseArgsConfig } from 'node:util';
import { parseCommandLine, UsageError } from './usage';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What `parseSubcommand` found: help asked for, or a command with its environment and options. */
export type Subcommand<O extends Options, N extends string> =
  | { readonly name: 'help' }
  | {
      readonly name: N;
      /** The one positional after the command, if given (the command says whether it needs one). */
      readonly environment: string | undefined;
      readonly values: ReturnType<
        typeof parseCommandLine<{ options: O; allowPositionals: true; strict: true }>
      >['values'];
    };

/** "a", "a or b", "a, b or c". */
function either(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
}

/**
 * A command line of the operating tools' shape, `<command> [<env>] [options]`: the command one of
 * `allowed`'s keys, at most one environment, and only the options `allowed` lists for that command
 * (an option given to the wrong command is a mistake worth saying). Throws a UsageError naming
 * what is wrong; what each command needs beyond that is its caller's to check.
 */
export function parseSubcommand<const O extends Options, N extends string>(
  argv: readonly string[],
  options: O,
  allowed: Readonly<Record<N, readonly (keyof O & string)[]>>,
): Subcommand<O, N> {
  const { values, positionals } = parseCommandLine({ args: [...argv], options, allowPositionals: true, strict: true });
  // Read generically here; the caller gets `values` typed by its own options.
  const given = values as Readonly<Record<string, string | boolean | undefined>>;
  const commands = `use ${either(Object.keys(allowed))}`;
  const [name, ...rest] = positionals;
  if (name === undefined || name === 'help') {
    if (given.help === true || name === 'help') return { name: 'help' };
    throw new UsageError(`missing command: ${commands}`);
  }
  if (!Object.hasOwn(allowed, name)) throw new UsageError(`unknown command "${name}": ${commands}`);
  if (given.help === true) return { name: 'help' };
  const command = name as N;
  const misplaced = Object.keys(given).find(
    (option) => given[option] !== undefined && !allowed[command].includes(option),
  );
  if (misplaced !== undefined) throw new UsageError(`--${misplaced} does not apply to ${command}`);
  if (rest.length > 1) throw new UsageError(`${command} takes a single environment, got: ${rest.join(' ')}`);
  return { name: command, environment: rest[0], values };
}
