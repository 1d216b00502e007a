import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  atLeast,
  cdktnCliNodeMinimum,
  fetchedRuntimeDir,
  findNodeForCdktn,
  minimumFromEngines,
  parseVersion,
  TERRAIN_NODE_VARIABLE,
} from '../../../tools/terrain/node-runtime';

const ROOT = path.resolve(__dirname, '../../..');

test('parseVersion reads node --version and plain versions', () => {
  expect(parseVersion('v22.23.3\n')).toEqual({ major: 22, minor: 23, patch: 3 });
  expect(parseVersion('20.9.0')).toEqual({ major: 20, minor: 9, patch: 0 });
  expect(parseVersion('node')).toBeUndefined();
});

test.each([
  ['22.19.0', '22.19.0', true],
  ['22.23.3', '22.19.0', true],
  ['24.0.0', '22.19.0', true],
  ['22.18.9', '22.19.0', false],
  ['20.20.2', '22.19.0', false],
])('%s is at least %s: %s', (version, minimum, expected) => {
  expect(atLeast(parseVersion(version)!, parseVersion(minimum)!)).toBe(expected);
});

test('minimumFromEngines accepts >=X.Y.Z only', () => {
  expect(minimumFromEngines('>=22.19.0')).toEqual({ major: 22, minor: 19, patch: 0 });
  expect(minimumFromEngines(' >= 20.9.0 ')).toEqual({ major: 20, minor: 9, patch: 0 });
  expect(() => minimumFromEngines('^22 || ^24')).toThrow(/unexpected engines.node range/);
});

test("the installed cdktn-cli needs Node.js 22.19 (its engines), more than this project's 20.9", () => {
  expect(cdktnCliNodeMinimum(ROOT)).toEqual({ major: 22, minor: 19, patch: 0 });
});

test('a fetched runtime lives under node_modules, which npm ci empties', () => {
  expect(path.relative(ROOT, fetchedRuntimeDir(ROOT)).split(path.sep).slice(0, 3)).toEqual([
    'node_modules',
    '.cache',
    'cdk-terrain',
  ]);
});

describe(`${TERRAIN_NODE_VARIABLE}`, () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrain-node-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function fakeNode(version: string): string {
    const file = path.join(dir, `node-${version}`);
    fs.writeFileSync(file, `#!/bin/sh\necho v${version}\n`, { mode: 0o755 });
    return file;
  }

  test('a node new enough is used as it is', async () => {
    const node = fakeNode('22.19.0');
    expect(await findNodeForCdktn(ROOT, { [TERRAIN_NODE_VARIABLE]: node })).toEqual({
      node,
      version: '22.19.0',
      source: 'variable',
    });
  });

  test('an older one is refused with what is needed', async () => {
    await expect(findNodeForCdktn(ROOT, { [TERRAIN_NODE_VARIABLE]: fakeNode('20.20.2') })).rejects.toThrow(
      /is not Node.js >= 22.19.0 \(cdktn-cli's engines\): it reports 20.20.2/,
    );
  });

  test('a path that does not run is refused too', async () => {
    await expect(findNodeForCdktn(ROOT, { [TERRAIN_NODE_VARIABLE]: path.join(dir, 'missing') })).rejects.toThrow(
      /it reports no version/,
    );
  });
});
