import { cdktfCommand, parseCdktfArgv, readProcess, type ProcessInfo } from '../../app/cdktf-command';

describe('parseCdktfArgv', () => {
  test.each([
    [
      ['node', '/p/node_modules/.bin/cdktf', 'deploy', 'dev', '--auto-approve'],
      { cli: 'cdktf', command: 'deploy', stacks: ['dev'] },
    ],
    [
      ['node', '/p/node_modules/cdktf-cli/bundle/bin/cdktf.js', 'diff', 'prod'],
      { cli: 'cdktf', command: 'diff', stacks: ['prod'] },
    ],
    [
      ['/usr/bin/cdktf', 'deploy', '--auto-approve', 'bootstrap', 'dev'],
      { cli: 'cdktf', command: 'deploy', stacks: ['bootstrap', 'dev'] },
    ],
    [['node', 'cdktf', 'deploy', '--parallelism', '4', 'dev'], { cli: 'cdktf', command: 'deploy', stacks: ['dev'] }],
    [['node', 'cdktf', 'deploy', '--var-file=x.tfvars', 'dev'], { cli: 'cdktf', command: 'deploy', stacks: ['dev'] }],
    [['node', 'cdktf', 'synth'], { cli: 'cdktf', command: 'synth', stacks: [] }],
    [['node', '/p/node_modules/.bin/cdktn', 'deploy', 'dev'], { cli: 'cdktn', command: 'deploy', stacks: ['dev'] }],
    [['node', '/p/node_modules/cdktn-cli/bundle/bin/cdktn.js', 'diff'], { cli: 'cdktn', command: 'diff', stacks: [] }],
  ])('%j -> %j', (argv, expected) => {
    expect(parseCdktfArgv(argv)).toEqual(expected);
  });

  test.each([
    [['node', 'app.js']],
    [['/bin/sh', '-c', 'node app.js']],
    [['node', 'cdktf']],
    [['npm', 'exec', 'cdktf', 'deploy']],
  ])('%j is not a cdktf command', (argv) => {
    expect(parseCdktfArgv(argv)).toBeUndefined();
  });
});

describe('cdktfCommand', () => {
  // The chain `npx cdktf deploy dev` makes: npm exec -> sh -> cdktf -> sh -c <app> -> node <app>.
  const table: Record<number, ProcessInfo> = {
    40: { parent: 30, argv: ['/bin/sh', '-c', 'node scripts/run-app.js main.ts'] },
    30: { parent: 20, argv: ['node', '/p/node_modules/.bin/cdktf', 'deploy', 'dev', '--auto-approve'] },
    20: { parent: 10, argv: ['sh', '-c', 'cdktf', 'deploy', 'dev'] },
    10: { parent: 1, argv: ['npm', 'exec', 'cdktf', 'deploy', 'dev'] },
  };
  const read = (pid: number) => table[pid];

  test('finds the CLI among the ancestors', () => {
    expect(cdktfCommand(read, 40)).toEqual({ cli: 'cdktf', command: 'deploy', stacks: ['dev'] });
  });

  test('gives up after a few levels or at an unreadable process', () => {
    expect(cdktfCommand(read, 40, 1)).toBeUndefined();
    expect(cdktfCommand(read, 99)).toBeUndefined();
  });

  test('reads this very process (jest is not cdktf)', () => {
    expect(readProcess(process.pid)?.argv.length).toBeGreaterThan(0);
    expect(readProcess(process.pid)?.parent).toBe(process.ppid);
    expect(cdktfCommand(readProcess, process.pid)).toBeUndefined();
  });
});
