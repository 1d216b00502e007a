import { groupDifferences, type DifferenceKind } from './compare';
import type { TerrainCheckResult } from './check';

const DOCS = 'docs/cdk-terrain.md#what-the-check-compares';

const KIND_LABELS: Readonly<Record<DifferenceKind, string>> = {
  metadata: 'metadata only',
  explained: 'explained',
  unexplained: 'UNEXPLAINED',
};

/** What `npm run check:terrain` prints. */
export function renderTerrainReport(result: TerrainCheckResult): string {
  const { versions } = result;
  const lines = [
    `cdktf ${versions.cdktf} + cdktf-cli ${versions.cdktfCli} (Node.js ${versions.nodeForCdktf})`,
    `  vs cdktn ${versions.cdktn} + cdktn-cli ${versions.cdktnCli} (Node.js ${versions.nodeForCdktn})`,
    `  both with @cdktf/provider-aws ${versions.providerAws} and constructs ${versions.constructs}`,
    '',
  ];
  for (const entry of result.cases) {
    const outside = entry.differences.filter((difference) => difference.kind !== 'metadata').length;
    lines.push(
      `${entry.configuration} configuration, ${entry.mode} mode: ${entry.stacks.join(', ')}: ` +
        (outside === 0 ? 'identical but for metadata' : `${outside} difference(s) outside the metadata`),
    );
    for (const group of groupDifferences(entry.differences)) {
      lines.push(
        `  ${KIND_LABELS[group.kind]}: ${group.path}: ${group.cdktf} -> ${group.cdktn} (${group.stacks.join(', ')})`,
      );
    }
  }
  lines.push('');
  lines.push(
    result.unexplained === 0
      ? `No unexplained difference (${(result.durationMs / 1000).toFixed(1)} s).`
      : `${result.unexplained} unexplained difference(s): explain each in ${DOCS} and tools/terrain/compare.ts, or fix it.`,
  );
  return `${lines.join('\n')}\n`;
}
