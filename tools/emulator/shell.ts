// Shell lines for eval in sh, bash or zsh: `export NAME=value` and `unset NAME ...`.

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `value` as one shell word: bare when it is safe as is, else in single quotes. */
export function shellQuote(value: string): string {
  if (SAFE_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function checkName(name: string): string {
  if (!VARIABLE_NAME.test(name)) throw new Error(`not a shell variable name: ${JSON.stringify(name)}`);
  return name;
}

/** One `export NAME=value` line per variable, in order. */
export function renderExports(variables: ReadonlyArray<readonly [string, string]>): string {
  return variables.map(([name, value]) => `export ${checkName(name)}=${shellQuote(value)}\n`).join('');
}

/** One `unset` line for all of `names`. */
export function renderUnset(names: readonly string[]): string {
  return names.length === 0 ? '' : `unset ${names.map(checkName).join(' ')}\n`;
}
