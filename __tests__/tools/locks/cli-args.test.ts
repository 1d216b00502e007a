import { parseLocksArgs, USAGE } from '../../../tools/locks/cli-args';
import { UsageError } from '../../../tools/cli/usage';

describe('parseLocksArgs', () => {
  test.each([
    [['list'], { name: 'list', json: false }],
    [['list', '--json'], { name: 'list', json: true }],
    [['list', 'dev'], { name: 'list', environment: 'dev', json: false }],
    [['unlock', 'dev', '--lock-id', 'abc'], { name: 'unlock', environment: 'dev', lockId: 'abc' }],
    [['unlock', '--lock-id=abc', 'dev'], { name: 'unlock', environment: 'dev', lockId: 'abc' }],
    [['unlock', 'dev'], { name: 'unlock', environment: 'dev' }],
    [['doctor'], { name: 'doctor', fix: false, maxAgeMs: 3_600_000, json: false }],
    [
      ['doctor', 'prod', '--fix', '--max-age', '30m', '--json'],
      { name: 'doctor', environment: 'prod', fix: true, maxAgeMs: 1_800_000, json: true },
    ],
    [['--help'], { name: 'help' }],
    [['-h'], { name: 'help' }],
    [['help'], { name: 'help' }],
    [['unlock', '--help'], { name: 'help' }],
  ])('%j', (argv, command) => {
    expect(parseLocksArgs(argv)).toEqual(command);
  });

  test.each([
    [[], 'missing command: use list, unlock or doctor'],
    [['frob'], 'unknown command "frob": use list, unlock or doctor'],
    [['unlock'], 'unlock needs an environment: npm run locks -- unlock <env> --lock-id <ID>'],
    [['unlock', '--lock-id', 'abc'], 'unlock needs an environment'],
    [['unlock', 'dev', '--lock-id'], "Option '--lock-id <value>' argument missing"],
    [['unlock', 'dev', '--lock-id', ''], '--lock-id needs a lock ID'],
    [['unlock', 'dev', 'prod', '--lock-id', 'x'], 'unlock takes a single environment, got: dev prod'],
    [['list', '--bogus'], 'unknown option --bogus'],
    [['list', '--fix'], '--fix does not apply to list'],
    [['unlock', 'dev', '--json'], '--json does not apply to unlock'],
    [['doctor', '--lock-id', 'x'], '--lock-id does not apply to doctor'],
    [['doctor', '--max-age', 'soon'], 'invalid duration "soon"'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(() => parseLocksArgs(argv)).toThrow(UsageError);
    expect(() => parseLocksArgs(argv)).toThrow(message);
  });
});

test('the usage text documents every command and option', () => {
  for (const word of ['list', 'unlock <env> --lock-id <ID>', 'doctor', '--fix', '--max-age', '--json', '--help']) {
    expect(USAGE).toContain(word);
  }
});
