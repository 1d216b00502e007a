import * as fs from 'node:fs';
import * as path from 'node:path';
import { QUICK_START_HEADING, shellBlockUnder } from '../support/readme-blocks';

// The quick start itself runs in __tests__/e2e/quick-start.test.ts; this checks its shape at once.
const README = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

test('finds the first sh block under a heading, and nothing past the next heading', () => {
  const markdown = ['## A', 'text', '```ts', 'no', '```', '```sh', 'one', 'two', '```', '## B', '```sh', 'b', '```'];
  expect(shellBlockUnder(markdown.join('\n'), 'A')).toBe('one\ntwo\n');
  expect(shellBlockUnder(['## A', 'text', '## B', '```sh', 'b', '```'].join('\n'), 'A')).toBeUndefined();
  expect(shellBlockUnder(markdown.join('\n'), 'C')).toBeUndefined();
});

describe("the README's quick start", () => {
  const block = shellBlockUnder(README, QUICK_START_HEADING) ?? '';
  const lines = block.trimEnd().split('\n');

  test('is there', () => {
    expect(lines.length).toBeGreaterThan(2);
  });

  test('starts the emulator first and stops it last, both through eval with npm -s', () => {
    expect(lines[0]).toBe('eval "$(npm run -s emulator -- start)"');
    expect(lines.at(-1)).toBe('eval "$(npm run -s emulator -- stop)"');
  });

  test('every cdktf deploy runs without a terminal (--auto-approve)', () => {
    const deploys = lines.filter((line) => line.includes('cdktf deploy'));
    expect(deploys.length).toBeGreaterThan(0);
    expect(deploys.filter((line) => !line.includes('--auto-approve'))).toEqual([]);
  });
});
