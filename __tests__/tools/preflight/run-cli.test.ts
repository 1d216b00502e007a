import { validateProject } from '../../../naming/project';
import { EXIT_OK, EXIT_USAGE } from '../../../tools/cli/exit-codes';
import { parsePreflightArgs } from '../../../tools/preflight/cli-args';
import { runPreflightCli } from '../../../tools/preflight/run-cli';
import { FakeIo } from '../locks/support/fake-io';
import { testConfig } from '../../support/test-config';
import { FakeAws } from './support/fake-aws';

async function run(argv: string[]) {
  const aws = new FakeAws();
  const io = new FakeIo();
  const code = await runPreflightCli(argv, io, {
    context: { project: validateProject(testConfig()), caller: aws.session('arn:aws:iam::111122223333:role/admin') },
  });
  return { code, io, aws };
}

test('--help prints the usage and exits 0, touching nothing', async () => {
  const { code, io, aws } = await run(['--help']);
  expect(code).toBe(EXIT_OK);
  expect(io.stdout).toMatch(/^Usage: npm run preflight -- \[<env>\|bootstrap\]/);
  expect(io.stdout).toContain('Exit status: 0 nothing missing, 1 something missing (or an error), 2 usage error.');
  expect(aws.calls).toEqual([]);
});

test.each([
  [['qa'], 'preflight: unknown environment "qa"; known environments: dev, prod'],
  [['dev', 'prod'], 'preflight: at most one of <env> or bootstrap, got: dev prod'],
  [['--json'], 'preflight: unknown option --json'],
])('%j is a usage error: exit 2, one line and a pointer to --help, no AWS request', async (argv, message) => {
  const { code, io, aws } = await run(argv);
  expect(code).toBe(EXIT_USAGE);
  expect(io.stderr).toBe(`${message}\nRun \`npm run preflight -- --help\` for usage.\n`);
  expect(aws.calls).toEqual([]);
});

test('the arguments', () => {
  expect(parsePreflightArgs([])).toEqual({ help: false });
  expect(parsePreflightArgs(['bootstrap'])).toEqual({ help: false, target: 'bootstrap' });
  expect(parsePreflightArgs(['dev', '-h'])).toEqual({ help: true, target: 'dev' });
});
