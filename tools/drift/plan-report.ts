/**
 * What `terraform show -json <plan>` says changed, in the few fields a drift report needs
 * (Terraform's JSON output format: resource_changes, resource_drift).
 */

export interface ResourceChange {
  /** e.g. `aws_s3_bucket.app-bucket_bucket_1A2B3C4D` */
  readonly address: string;
  /** Terraform's actions: create, update, delete, read, no-op; a replacement is two. */
  readonly actions: readonly string[];
}

export interface PlanChanges {
  /** What the plan would do to make the resources match the configuration. */
  readonly changes: readonly ResourceChange[];
  /** What changed outside Terraform since the last apply (found by the refresh). */
  readonly outside: readonly ResourceChange[];
}

interface PlanJson {
  readonly resource_changes?: ReadonlyArray<{ address?: unknown; change?: { actions?: unknown } }>;
  readonly resource_drift?: ReadonlyArray<{ address?: unknown; change?: { actions?: unknown } }>;
}

function changesOf(list: PlanJson['resource_changes']): ResourceChange[] {
  return (list ?? [])
    .map((entry) => ({
      address: typeof entry.address === 'string' ? entry.address : '(unknown)',
      actions: Array.isArray(entry.change?.actions) ? entry.change.actions.map(String) : [],
    }))
    .filter((change) => !change.actions.every((action) => action === 'no-op' || action === 'read'));
}

/** Parses `terraform show -json`; throws on text that is not a plan's JSON. */
export function parsePlanJson(text: string): PlanChanges {
  const plan = JSON.parse(text) as PlanJson;
  if (typeof plan !== 'object' || plan === null) throw new Error('terraform show -json gave no object');
  return { changes: changesOf(plan.resource_changes), outside: changesOf(plan.resource_drift) };
}

/** Terraform's own symbols: + create, - delete, ~ update, -/+ replace. */
export function actionLabel(actions: readonly string[]): string {
  if (actions.includes('create') && actions.includes('delete')) return '-/+ replace';
  if (actions.includes('create')) return '+ create';
  if (actions.includes('delete')) return '- delete';
  if (actions.includes('update')) return '~ update';
  return actions.join(', ');
}
