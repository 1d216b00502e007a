import { actionLabel, type ResourceChange } from './plan-report';
import type { DriftResult } from './check-drift';

const SUMMARY_LIMIT = 60_000;

function lines(changes: readonly ResourceChange[], indent: string): string[] {
  return changes.map((change) => `${indent}${actionLabel(change.actions).padEnd(11)} ${change.address}`);
}

function tail(text: string, characters: number): string {
  return text.length <= characters ? text : `…${text.slice(-characters)}`;
}

/** The verdict in words, for a terminal or a log: which resources differ, or what failed. */
export function renderText(result: DriftResult): string {
  const { environment, outcome } = result;
  switch (outcome.kind) {
    case 'none':
      return `drift: ${environment}: no drift, the deployed resources match the configuration\n`;
    case 'drift': {
      const { changes, outside } = outcome.changes;
      const out = [
        `drift: ${environment}: ${changes.length} resource${changes.length === 1 ? '' : 's'} differ${changes.length === 1 ? 's' : ''} from the configuration; a deploy would:`,
        ...lines(changes, '  '),
      ];
      if (outside.length > 0) out.push('Changed outside Terraform since the last deploy:', ...lines(outside, '  '));
      return `${out.join('\n')}\n`;
    }
    case 'error': {
      const { step, result: failed } = outcome;
      const detail = tail(`${failed.stderr}\n${failed.stdout}`.trim(), 4_000);
      const hint =
        step === 'synth' ? '' : `drift: what the plan needs is checked by: npm run preflight -- ${environment}\n`;
      return `drift: ${environment}: ${step} failed (exit ${failed.exitCode}):\n${detail}\n${hint}`;
    }
  }
}

/** The same for a GitHub job summary: a heading, the resources as a table, the plan folded away. */
export function renderMarkdown(result: DriftResult): string {
  const { environment, outcome } = result;
  const out = [`### drift: ${environment}`, ''];
  if (outcome.kind === 'none') {
    out.push('No drift: the deployed resources match the configuration.');
  } else if (outcome.kind === 'drift') {
    const table = (changes: readonly ResourceChange[]) => [
      '| Action | Resource |',
      '| --- | --- |',
      ...changes.map((change) => `| \`${actionLabel(change.actions)}\` | \`${change.address}\` |`),
    ];
    out.push('**Drift**: a deploy would change these resources.', '', ...table(outcome.changes.changes));
    if (outcome.changes.outside.length > 0) {
      out.push('', 'Changed outside Terraform since the last deploy:', '', ...table(outcome.changes.outside));
    }
  } else {
    out.push(
      `**Error**: ${outcome.step} failed (exit ${outcome.result.exitCode}).`,
      '',
      '```',
      tail(`${outcome.result.stderr}\n${outcome.result.stdout}`.trim(), 8_000),
      '```',
    );
  }
  if (result.planOutput !== '') {
    out.push(
      '',
      '<details><summary>terraform plan</summary>',
      '',
      '```',
      tail(result.planOutput.trim(), SUMMARY_LIMIT),
      '```',
      '',
      '</details>',
    );
  }
  return `${out.join('\n')}\n\n`;
}
