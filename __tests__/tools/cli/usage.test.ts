import { UnknownEnvironmentError } from '../../../naming/environments';
import { ToolError } from '../../../tools/cli/errors';
import { isUsageError, parseCommandLine, readCommandLine, UsageError } from '../../../tools/cli/usage';

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

describe('readCommandLine', () => {
  const TOOL = { name: 'demo', usage: 'Usage: npm run demo\n' };
  function recorder() {
    const output = { stdout: '', stderr: '' };
    return {
      output,
      out: (text: string) => void (output.stdout += text),
      err: (text: string) => void (output.stderr += text),
    };
  }

  test('passes the options through, writing nothing', () => {
    const io = recorder();
    expect(readCommandLine(() => ({ help: false, keep: true }), TOOL, io)).toEqual({
      args: { help: false, keep: true },
    });
    expect(io.output).toEqual({ stdout: '', stderr: '' });
  });

  test('--help: the usage on stdout, exit 0', () => {
    const io = recorder();
    expect(readCommandLine(() => ({ help: true }), TOOL, io)).toEqual({ exitCode: 0 });
    expect(io.output).toEqual({ stdout: 'Usage: npm run demo\n', stderr: '' });
  });

  test('a usage error: what is wrong and the usage on stderr, exit 2', () => {
    const io = recorder();
    const parse = (): { help: boolean } => {
      throw new UsageError('unknown option --kep');
    };
    expect(readCommandLine(parse, TOOL, io)).toEqual({ exitCode: 2 });
    expect(io.output).toEqual({ stdout: '', stderr: 'demo: unknown option --kep\n\nUsage: npm run demo\n' });
  });

  test('anything else is a bug and is thrown', () => {
    const bug = new Error('bug');
    const parse = (): { help: boolean } => {
      throw bug;
    };
    expect(() => readCommandLine(parse, TOOL, recorder())).toThrow(bug);
  });
});
