import { UnknownEnvironmentError } from '../../../naming/environments';
import { ToolError } from '../../../tools/cli/errors';
import { isUsageError, parseCommandLine, parseOrReportUsage, UsageError } from '../../../tools/cli/usage';

const OPTIONS = { keep: { type: 'boolean' }, name: { type: 'string' } } as const;

describe('parseCommandLine', () => {
  test('parses like util.parseArgs', () => {
    expect(parseCommandLine({ args: ['--keep', '--name', 'x'], options: OPTIONS, strict: true }).values).toEqual({
      keep: true,
      name: 'x',
    });
  });

  test.each([
    [['--kep'], 'unknown option --kep'],
    [['stray'], 'unexpected argument stray'],
    [['--name'], "Option '--name <value>' argument missing"],
  ])('%j is a one-line UsageError: %s', (args, message) => {
    const attempt = () => parseCommandLine({ args, options: OPTIONS, allowPositionals: false, strict: true });
    expect(attempt).toThrow(new UsageError(message));
    expect(attempt).toThrow(UsageError);
  });
});

test('a usage error is a ToolError; an unknown environment counts as a usage error', () => {
  expect(new UsageError('x')).toBeInstanceOf(ToolError);
  expect(isUsageError(new UsageError('x'))).toBe(true);
  expect(isUsageError(new UnknownEnvironmentError('qa', ['dev']))).toBe(true);
  expect(isUsageError(new ToolError('AWS failed'))).toBe(false);
  expect(isUsageError(new Error('bug'))).toBe(false);
});

describe('parseOrReportUsage', () => {
  const written: string[] = [];
  const report = { tool: 'demo', help: '\nUsage: npm run demo\n', write: (text: string) => void written.push(text) };
  beforeEach(() => {
    written.length = 0;
  });

  test('passes the parsed arguments through', () => {
    expect(parseOrReportUsage(() => ({ keep: true }), report)).toEqual({ keep: true });
    expect(written).toEqual([]);
  });

  test('a usage error is written with the help, and gives undefined', () => {
    expect(
      parseOrReportUsage(() => {
        throw new UsageError('unknown option --kep');
      }, report),
    ).toBeUndefined();
    expect(written.join('')).toBe('demo: unknown option --kep\n\nUsage: npm run demo\n');
  });

  test('anything else is a bug and is thrown', () => {
    const bug = new Error('bug');
    expect(() =>
      parseOrReportUsage(() => {
        throw bug;
      }, report),
    ).toThrow(bug);
  });
});
