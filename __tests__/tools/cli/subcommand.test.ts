import { parseSubcommand } from '../../../tools/cli/subcommand';
import { UsageError } from '../../../tools/cli/usage';

const OPTIONS = { json: { type: 'boolean' }, id: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
const ALLOWED = { show: ['json', 'help'], drop: ['id', 'help'], scan: ['json', 'help'] } as const;
const parse = (...argv: string[]) => parseSubcommand(argv, OPTIONS, ALLOWED);

describe('parseSubcommand', () => {
  test('a command with its environment and its own options', () => {
    expect(parse('drop', 'dev', '--id', 'x')).toEqual({ name: 'drop', environment: 'dev', values: { id: 'x' } });
    expect(parse('show')).toEqual({ name: 'show', environment: undefined, values: {} });
  });

  test.each([[['help']], [['--help']], [['show', '-h']], [['drop', 'dev', '--help']]])('%j asks for help', (argv) => {
    expect(parse(...argv)).toEqual({ name: 'help' });
  });

  test.each([
    [[], 'missing command: use show, drop or scan'],
    [['frob'], 'unknown command "frob": use show, drop or scan'],
    [['Show'], 'unknown command "Show": use show, drop or scan'],
    [['show', '--id', 'x'], '--id does not apply to show'],
    [['drop', 'dev', 'prod'], 'drop takes a single environment, got: dev prod'],
    [['show', '--jsn'], 'unknown option --jsn'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(() => parse(...argv)).toThrow(new UsageError(message));
  });

  test('one or two commands read naturally', () => {
    expect(() => parseSubcommand([], OPTIONS, { show: ['json'] })).toThrow('missing command: use show');
    expect(() => parseSubcommand([], OPTIONS, { show: ['json'], drop: ['id'] })).toThrow(
      'missing command: use show or drop',
    );
  });
});
