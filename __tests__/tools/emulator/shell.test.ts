import { execFileSync } from 'node:child_process';
import { renderExports, renderUnset, shellQuote } from '../../../tools/emulator/shell';

test.each([
  ['http://127.0.0.1:5000', 'http://127.0.0.1:5000'],
  ['/home/me/project/.emulator/terraform.tfrc', '/home/me/project/.emulator/terraform.tfrc'],
  ['cdktf.out.emulator', 'cdktf.out.emulator'],
  ['1', '1'],
])('a safe word stays bare: %s', (value, quoted) => {
  expect(shellQuote(value)).toBe(quoted);
});

test.each([
  ['/home/my projects/x', "'/home/my projects/x'"],
  ["/home/o'brien/x", "'/home/o'\\''brien/x'"],
  ['$HOME', "'$HOME'"],
  ['a;rm -rf /', "'a;rm -rf /'"],
  ['`id`', "'`id`'"],
  ['', "''"],
])('anything else is single-quoted: %j', (value, quoted) => {
  expect(shellQuote(value)).toBe(quoted);
});

test('export lines, one per variable, in order', () => {
  expect(
    renderExports([
      ['AWS_ENDPOINT_URL', 'http://127.0.0.1:5000'],
      ['TF_CLI_CONFIG_FILE', '/tmp/my dir/terraform.tfrc'],
    ]),
  ).toBe("export AWS_ENDPOINT_URL=http://127.0.0.1:5000\nexport TF_CLI_CONFIG_FILE='/tmp/my dir/terraform.tfrc'\n");
});

test('one unset line for all names; none for no names', () => {
  expect(renderUnset(['A', 'B_2'])).toBe('unset A B_2\n');
  expect(renderUnset([])).toBe('');
});

test('a name that is not a shell variable name is refused, never printed', () => {
  expect(() => renderExports([['A;B', 'x']])).toThrow('not a shell variable name: "A;B"');
  expect(() => renderUnset(['1A'])).toThrow('not a shell variable name: "1A"');
});

test('sh reads back every value exactly as it was written', () => {
  const values = ["it's", '/a b/c', '$(echo no)', 'back\\slash', 'new\nline', '"double"', 'ü'];
  const script = `${renderExports(values.map((value, index) => [`V${index}`, value]))}node -e 'console.log(JSON.stringify([${values.map((_, index) => `process.env.V${index}`).join(',')}]))'`;
  expect(JSON.parse(execFileSync('sh', ['-c', script], { encoding: 'utf8' }))).toEqual(values);
});
