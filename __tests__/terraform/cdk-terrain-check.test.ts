import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHECK_CONFIGURATIONS, CHECK_MODES, runTerrainCheck, type TerrainCheckResult } from '../../tools/terrain/check';
import { groupDifferences } from '../../tools/terrain/compare';
import { renderTerrainReport } from '../../tools/terrain/report';

// `npm run check:terrain`, as CI runs it: every stack synthesized by cdktf and by CDK Terrain (cdktn)
// in scratch copies, compared. The cdktn CLI needs Node.js >= 22.19: fetched once from the npm
// registry into node_modules/.cache when the Node.js running the tests is older (docs/cdk-terrain.md).
const ROOT = path.resolve(__dirname, '../..');

let workDir: string;
let result: TerrainCheckResult;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-terrain-check-'));
  result = await runTerrainCheck({ projectDir: ROOT, workDir });
}, 600_000);

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

test('no unexplained difference (the report is printed on failure)', () => {
  expect({
    unexplained: result.unexplained,
    report: result.unexplained === 0 ? '' : renderTerrainReport(result),
  }).toEqual({
    unexplained: 0,
    report: '',
  });
});

test('every configuration in both modes, every stack, the versions this project pins', () => {
  expect(result.cases.map((entry) => [entry.configuration, entry.mode])).toEqual(
    Object.keys(CHECK_CONFIGURATIONS).flatMap((configuration) =>
      Object.keys(CHECK_MODES).map((mode) => [configuration, mode]),
    ),
  );
  for (const entry of result.cases) expect(entry.stacks).toEqual(['bootstrap', 'dev', 'prod']);
  expect(result.versions).toMatchObject({
    cdktf: '0.21.0',
    cdktn: '0.24.0',
    cdktnCli: '0.24.0',
    providerAws: '20.1.0',
  });
});

test('the differences are metadata: the core version everywhere, and the overrides cdktn no longer needs', () => {
  for (const entry of result.cases) {
    expect(groupDifferences(entry.differences)).toContainEqual({
      kind: 'metadata',
      path: '//.metadata.version',
      cdktf: '"0.21.0"',
      cdktn: '"0.24.0"',
      stacks: ['bootstrap', 'dev', 'prod'],
    });
  }
  const overrides = result.cases
    .filter((entry) => entry.configuration === 'all-options' && entry.mode === 'aws')
    .flatMap((entry) => groupDifferences(entry.differences).map((group) => group.path));
  expect(overrides).toEqual(expect.arrayContaining(['//.metadata.overrides', '//.metadata.overrides.backend']));
});
