import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Aspects, TerraformResource, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * Set by `npm run teardown` (tools/teardown/) for the cdktf runs it makes, to the state bucket's
 * name: main.ts lifts the bootstrap's protections only when the value names this project's bucket.
 */
export const TEARDOWN_VARIABLE = 'TFSTATE_TEARDOWN';

/** KMS's shortest window: a key scheduled for deletion can still be cancelled for 7 days. */
export const TEARDOWN_KEY_DELETION_DAYS = 7;

/** Whether this run is the teardown of the project whose state bucket is `stateBucket`. */
export function teardownRequested(stateBucket: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return env[TEARDOWN_VARIABLE] === stateBucket;
}

/**
 * The protections, lifted on purpose for a teardown only (no hand edits): prevent_destroy off,
 * the table's deletion protection off, the bucket emptied on destroy (every version and delete
 * marker), the KMS key's deletion window at its minimum. Applied by a deploy first, so that the
 * following destroy sees them.
 */
export class TeardownMode implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    if (node.lifecycle?.preventDestroy) node.lifecycle = { ...node.lifecycle, preventDestroy: false };
    if (node instanceof DynamodbTable) node.deletionProtectionEnabled = false;
    else if (node instanceof S3Bucket) node.forceDestroy = true;
    else if (node instanceof KmsKey) node.deletionWindowInDays = TEARDOWN_KEY_DELETION_DAYS;
  }
}

/** Applies teardown mode to every stack in `scope` (cdktf invokes aspects from each stack down). */
export function applyTeardownMode(scope: IConstruct): void {
  const aspect = new TeardownMode();
  for (const construct of scope.node.findAll()) {
    if (TerraformStack.isStack(construct)) Aspects.of(construct).add(aspect);
  }
}
