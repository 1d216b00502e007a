import * as fs from 'node:fs';

/**
 * Whether the bootstrap's local state (terraform.bootstrap.tfstate) records a state bucket: a
 * synth-time hint only (no AWS call), used to tell someone who deploys an environment first what
 * to do, because Terraform's own message for a missing bucket does not.
 */
export function bootstrapStateRecordsBucket(stateFile: string): boolean {
  try {
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { resources?: Array<{ type?: string }> };
    return (state.resources ?? []).some((resource) => resource.type === 'aws_s3_bucket');
  } catch {
    return false; // missing or unreadable
  }
}

// Read during `cdktf deploy bootstrap` too (every synth builds every stack), so it must make sense there.
export const BOOTSTRAP_MISSING_WARNING =
  'Deploy the bootstrap before this environment: terraform.bootstrap.tfstate at the project root records ' +
  'no state bucket yet (npx cdktf deploy bootstrap; if it was deployed from elsewhere, put its state file ' +
  'back: README "Bootstrap state"). Without the bucket, terraform init fails with "S3 bucket ... does not exist".';
