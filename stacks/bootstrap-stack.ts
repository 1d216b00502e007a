import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { createAfter } from '../constructs/create-after';
import { LockTable, RetiredLockTable } from '../constructs/lock-table';
import { StateBucket } from '../constructs/state-bucket';
import { StateEncryptionKey } from '../constructs/state-encryption-key';
import { backendSettings } from '../naming/backend-settings';
import { environmentNames } from '../naming/environments';
import type { ValidProject } from '../naming/project';
import { projectAwsProvider } from './aws-provider';

export interface BootstrapStackProps {
  readonly project: ValidProject;
  /** Local state file, relative to the stack's directory in cdktf.out (see bootstrapStatePath). */
  readonly statePath: string;
}

/** Creates the state bucket, lock table and (optionally) KMS key; keeps its own state locally. */
export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id);
    const { config, names } = props.project;

    new LocalBackend(this, { path: props.statePath });

    projectAwsProvider(this, {
      region: config.stateRegion,
      tags: { ...config.tags, Project: config.project, Component: 'terraform-state', ManagedBy: 'cdktf' },
      allowedAccountIds: config.accountId === undefined ? undefined : [config.accountId],
    });

    const key =
      config.stateEncryption === 'customer-managed'
        ? new StateEncryptionKey(this, 'state-key', { alias: names.stateKeyAlias })
        : undefined;

    const bucket = new StateBucket(this, 'state-bucket', {
      bucketName: names.stateBucket,
      kmsKeyArn: key?.key.arn,
      noncurrentVersionRetentionDays: config.noncurrentVersionRetentionDays,
      // In every locking mode, so switching modes never changes (or waits on) the bootstrap.
      lockfileKeys: Object.values(names.environments).map((environment) => environment.lockfileKey),
    });

    // Retired (s3 locking only): forgotten at the address it had, hence the same construct ID.
    const table = config.retireLockTable
      ? new RetiredLockTable(this, 'lock-table')
      : new LockTable(this, 'lock-table', { tableName: names.lockTable, kmsKeyArn: key?.key.arn });

    // The bucket name is the one thing that can be taken: if it is, create nothing else.
    if (key) createAfter(key.key, bucket.bucket);
    if (table instanceof LockTable) createAfter(table.table, bucket.bucket);

    new TerraformOutput(this, 'state_bucket', { value: bucket.bucket.bucket });
    if (table instanceof LockTable) new TerraformOutput(this, 'lock_table', { value: table.table.name });
    new TerraformOutput(this, 'state_region', { value: config.stateRegion });
    new TerraformOutput(this, 'environment_backends', {
      description: 'The S3 backend settings of each environment stack',
      value: Object.fromEntries(
        environmentNames(props.project).map((environment) => [
          environment,
          backendSettings(props.project, environment),
        ]),
      ),
    });
  }
}
