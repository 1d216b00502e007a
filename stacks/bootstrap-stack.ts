import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { BootstrapRecord } from '../constructs/bootstrap-record';
import { createAfter } from '../constructs/create-after';
import { LockTable, RetiredLockTable } from '../constructs/lock-table';
import { StateBucket } from '../constructs/state-bucket';
import { StateEncryptionKey } from '../constructs/state-encryption-key';
import { StateReplica } from '../constructs/state-replica';
import { ACCESS_LOG_PREFIX, accessLogDeliveryStatement } from '../naming/access-log-policy';
import { backendSettings, stateBackendSettings } from '../naming/backend-settings';
import { BOOTSTRAP_VERSION, bootstrapParameterName } from '../naming/bootstrap-version';
import { environmentNames } from '../naming/environments';
import type { ValidProject } from '../naming/project';
import { replicationPolicy, replicationRoleName, replicationTrustPolicy } from '../naming/state-replication';
import { projectAwsProvider } from './aws-provider';
import { addStateAccess } from './state-access';
import { stateBackend } from './state-backend';

export interface BootstrapStackProps {
  readonly project: ValidProject;
  /** Local state file (bootstrapState 'local'), relative to the stack's directory in cdktf.out (see bootstrapStatePath). */
  readonly statePath: string;
}

/** Creates the state bucket, lock table and (optionally) KMS key; keeps its own state locally. */
export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id);
    const { config, names } = props.project;

    // Its own state: a local file, or (once the bucket exists) the bucket itself.
    if (config.bootstrapState === 's3') stateBackend(this, stateBackendSettings(props.project, names.bootstrapState));
    else new LocalBackend(this, { path: props.statePath });

    const providerProps = {
      tags: { ...config.tags, Project: config.project, Component: 'terraform-state', ManagedBy: 'cdktf' },
      allowedAccountIds: config.accountId === undefined ? undefined : [config.accountId],
      assumeRoleArn: config.deployRoleArn,
    };
    projectAwsProvider(this, { region: config.stateRegion, ...providerProps });
    let storageAccount: string | undefined = config.accountId;
    const accountId = () => (storageAccount ??= new DataAwsCallerIdentity(this, 'storage-account').accountId);

    const key =
      config.stateEncryption === 'customer-managed'
        ? new StateEncryptionKey(this, 'state-key', { alias: names.stateKeyAlias })
        : undefined;

    const bucket = new StateBucket(this, 'state-bucket', {
      bucketName: names.stateBucket,
      kmsKeyArn: key?.key.arn,
      noncurrentVersionRetentionDays: config.noncurrentVersionRetentionDays,
      // In every locking mode, so switching modes never changes (or waits on) the bootstrap.
      lockfileKeys: [...Object.values(names.environments), names.bootstrapState].map((state) => state.lockfileKey),
    });

    // Retired (s3 locking only): forgotten at the address it had, hence the same construct ID.
    const table = config.retireLockTable
      ? new RetiredLockTable(this, 'lock-table')
      : new LockTable(this, 'lock-table', { tableName: names.lockTable, kmsKeyArn: key?.key.arn });

    // A copy of every version in a second region, for when the primary's are gone (docs/recover-a-state.md).
    const replica =
      config.stateReplicaRegion === undefined || names.replicaBucket === undefined
        ? undefined
        : new StateReplica(this, 'state-replica', {
            source: bucket.bucket,
            sourceVersioning: bucket.versioning,
            bucketName: names.replicaBucket,
            provider: projectAwsProvider(this, {
              region: config.stateReplicaRegion,
              alias: 'replica',
              ...providerProps,
            }),
            keyAlias: names.replicaKeyAlias,
            noncurrentVersionRetentionDays: config.noncurrentVersionRetentionDays,
            roleName: replicationRoleName(config.project),
            trustPolicy: replicationTrustPolicy(props.project, accountId()),
            policy: (replicaKeyArn) =>
              replicationPolicy(props.project, { accountId: accountId(), stateKeyArn: key?.key.arn, replicaKeyArn }),
          });

    // Who reads and writes the state bucket, request by request (stateAccessLogs).
    const logs =
      names.accessLogBucket === undefined
        ? undefined
        : new AccessLogBucket(this, 'access-logs', {
            source: bucket.bucket,
            bucketName: names.accessLogBucket,
            prefix: ACCESS_LOG_PREFIX,
            retentionDays: config.accessLogRetentionDays,
            deliveryStatement: accessLogDeliveryStatement(props.project, accountId()),
          });

    // Who may use each environment's state: docs/iam.md.
    const access = addStateAccess(this, props.project, { stateKeyArn: key?.key.arn });

    // Written last: a record environments can read means the storage they rely on is in place.
    const record = new BootstrapRecord(this, 'bootstrap-record', {
      name: bootstrapParameterName(config.project),
      version: BOOTSTRAP_VERSION,
      environments: environmentNames(props.project),
    });

    // The bucket name is the one thing that can be taken: if it is, create nothing else.
    if (key) createAfter(key.key, bucket.bucket);
    if (table instanceof LockTable) createAfter(table.table, bucket.bucket);
    for (const resource of access.resources) createAfter(resource, bucket.bucket);
    for (const resource of [
      ...(replica ? [replica.key, replica.bucket, replica.role] : []),
      ...(logs ? [logs.bucket] : []),
    ]) {
      createAfter(resource, bucket.bucket);
    }
    for (const dependency of [
      bucket.bucket,
      ...bucket.settings,
      ...(table instanceof LockTable ? [table.table] : []),
      ...access.resources,
    ]) {
      createAfter(record.parameter, dependency);
    }

    new TerraformOutput(this, 'state_bucket', { value: bucket.bucket.bucket });
    if (table instanceof LockTable) new TerraformOutput(this, 'lock_table', { value: table.table.name });
    new TerraformOutput(this, 'state_region', { value: config.stateRegion });
    if (replica) new TerraformOutput(this, 'replica_bucket', { value: replica.bucket.bucket });
    if (logs) new TerraformOutput(this, 'access_log_bucket', { value: logs.bucket.bucket });
    new TerraformOutput(this, 'bootstrap_version', { value: BOOTSTRAP_VERSION });
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
