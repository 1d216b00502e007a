import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { Aspects, S3Backend, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { EMULATOR_CREDENTIALS, EMULATOR_MAX_ATTEMPTS, type Emulator } from './emulator-endpoint';

/**
 * Emulator mode, in one place: an Aspect that main.ts adds to the app when AWS_ENDPOINT_URL is
 * set. Constructs and stacks are written for AWS and know nothing of it; this rewrites what
 * they built, just before synthesis:
 * - every AWS provider and S3 backend talks to the emulator: endpoints, path-style S3, dummy
 *   credentials (real ones are never sent to an emulator), credential, account, region and
 *   metadata checks skipped (so no allowed_account_ids), and at most 2 attempts per request;
 * - bucket policies lose their conditional Deny statements (the TLS-only statement): moto ignores
 *   policy conditions, so such a statement would deny every request. This is the one difference
 *   in what gets created; the synth tests prove the statement instead;
 * - a replication rule's `source_selection_criteria` is written but not compared: moto 5.2.1 stores
 *   it and leaves it out when it reads the rule back, so every plan would show it changing.
 */
export class EmulatorMode implements IAspect {
  constructor(private readonly emulator: Emulator) {}

  visit(node: IConstruct): void {
    if (node instanceof AwsProvider) aimProvider(node, this.emulator.endpoint);
    else if (node instanceof S3Backend) aimBackend(node, this.emulator.endpoint);
    else if (node instanceof S3BucketPolicy) dropConditionalDenies(node);
    else if (node instanceof S3BucketReplicationConfigurationA) ignoreUnreadSelection(node);
  }
}

/** Applies emulator mode to every stack in `scope` (call before synth). */
export function applyEmulatorMode(scope: IConstruct, emulator: Emulator): void {
  const aspect = new EmulatorMode(emulator);
  // cdktf invokes aspects from each stack down, so an aspect on the App itself would never run.
  for (const construct of scope.node.findAll()) {
    if (TerraformStack.isStack(construct)) Aspects.of(construct).add(aspect);
  }
}

function aimProvider(provider: AwsProvider, url: string): void {
  provider.accessKey = EMULATOR_CREDENTIALS.accessKey;
  provider.secretKey = EMULATOR_CREDENTIALS.secretKey;
  // The services the stacks use, and SQS, the README's example of a workload of your own.
  provider.endpoints = [{ s3: url, dynamodb: url, kms: url, sts: url, iam: url, ssm: url, sqs: url }];
  provider.s3UsePathStyle = true;
  provider.maxRetries = EMULATOR_MAX_ATTEMPTS;
  provider.skipCredentialsValidation = true;
  provider.skipRequestingAccountId = true;
  provider.skipMetadataApiCheck = 'true';
  provider.skipRegionValidation = true;
  // Needs the account lookup, which is skipped.
  provider.resetAllowedAccountIds();
}

function aimBackend(backend: S3Backend, url: string): void {
  const settings: Record<string, unknown> = {
    access_key: EMULATOR_CREDENTIALS.accessKey,
    secret_key: EMULATOR_CREDENTIALS.secretKey,
    endpoints: { s3: url, dynamodb: url, sts: url, iam: url },
    use_path_style: true,
    max_retries: EMULATOR_MAX_ATTEMPTS,
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
  };
  for (const [key, value] of Object.entries(settings)) backend.addOverride(key, value);
}

interface PolicyDocument {
  Statement: Array<{ Effect?: string; Condition?: unknown }>;
}

function dropConditionalDenies(policy: S3BucketPolicy): void {
  const document = JSON.parse(policy.policyInput ?? '{}') as PolicyDocument;
  // References (e.g. the bucket ARN) are token strings here, resolved at synth: they survive a JSON round trip.
  const kept = document.Statement.filter((statement) => !(statement.Effect === 'Deny' && statement.Condition));
  if (kept.length === document.Statement.length) return;
  if (kept.length > 0) policy.policy = JSON.stringify({ ...document, Statement: kept });
  // A policy without statements is invalid: create none. (count, not removal: others may depend on it.)
  else policy.count = 0;
}

/** What moto does not read back is not compared (it is still written). */
function ignoreUnreadSelection(replication: S3BucketReplicationConfigurationA): void {
  const ignored = replication.lifecycle?.ignoreChanges;
  const already = Array.isArray(ignored) ? ignored : [];
  replication.lifecycle = {
    ...replication.lifecycle,
    ignoreChanges: [...already, 'rule[0].source_selection_criteria'],
  };
}
