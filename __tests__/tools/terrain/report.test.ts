import type { TerrainCheckResult } from '../../../tools/terrain/check';
import { renderTerrainReport } from '../../../tools/terrain/report';

function result(unexplained: boolean): TerrainCheckResult {
  const version = { path: ['//', 'metadata', 'version'], cdktf: '0.21.0', cdktn: '0.24.0', kind: 'metadata' as const };
  return {
    versions: {
      cdktf: '0.21.0',
      cdktfCli: '0.21.0',
      cdktn: '0.24.0',
      cdktnCli: '0.24.0',
      providerAws: '20.1.0',
      constructs: '10.6.0',
      nodeForCdktf: '20.20.2',
      nodeForCdktn: '22.23.3',
    },
    runtime: { node: '/x/node', version: '22.23.3', source: 'fetched' },
    cases: [
      {
        configuration: 'shipped',
        mode: 'aws',
        stacks: ['bootstrap', 'dev'],
        differences: [
          { ...version, stack: 'bootstrap' },
          { ...version, stack: 'dev' },
          ...(unexplained
            ? [{ stack: 'dev', kind: 'unexplained' as const, path: ['terraform', 'x'], cdktf: 1, cdktn: undefined }]
            : []),
        ],
      },
    ],
    unexplained: unexplained ? 1 : 0,
    durationMs: 12_300,
  };
}

test('says the versions, each case and the outcome; a difference common to stacks once', () => {
  expect(renderTerrainReport(result(false))).toBe(
    [
      'cdktf 0.21.0 + cdktf-cli 0.21.0 (Node.js 20.20.2)',
      '  vs cdktn 0.24.0 + cdktn-cli 0.24.0 (Node.js 22.23.3)',
      '  both with @cdktf/provider-aws 20.1.0 and constructs 10.6.0',
      '',
      'shipped configuration, aws mode: bootstrap, dev: identical but for metadata',
      '  metadata only: //.metadata.version: "0.21.0" -> "0.24.0" (bootstrap, dev)',
      '',
      'No unexplained difference (12.3 s).',
      '',
    ].join('\n'),
  );
});

test('an unexplained difference is named, with where to explain it', () => {
  const text = renderTerrainReport(result(true));
  expect(text).toContain('shipped configuration, aws mode: bootstrap, dev: 1 difference(s) outside the metadata');
  expect(text).toContain('  UNEXPLAINED: terraform.x: 1 -> (absent) (dev)');
  expect(text).toContain('1 unexplained difference(s): explain each in docs/cdk-terrain.md#what-the-check-compares');
});
