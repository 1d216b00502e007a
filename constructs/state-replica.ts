import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import type { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { TerraformProvider, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyDocument } from '../naming/iam-policy';
import { PrivateBucket } from './private-bucket';
import { ABORT_INCOMPLETE_UPLOAD_DAYS } from './state-bucket';

export interface StateReplicaProps {
  /** The state bucket, replicated whole. */
  readonly source: S3Bucket;
  /** Replication needs versioning on both sides first. */
  readonly sourceVersioning: S3BucketVersioningA;
  readonly bucketName: string;
  /** The provider of the replica region. */
  readonly provider: TerraformProvider;
  /** `alias/...` of the replica's own key, in the replica region. */
  readonly keyAlias: string;
  /** Days a replaced version is kept in the replica: as in the state bucket. */
  readonly noncurrentVersionRetentionDays: number;
  readonly roleName: string;
  readonly trustPolicy: PolicyDocument;
  /** The role's policy, given the replica key's ARN (naming/state-replication.ts). */
  readonly policy: (replicaKeyArn: string) => PolicyDocument;
}

/**
 * A replica of the state bucket in a second region: a versioned, encrypted (its own key in that
 * region), private, TLS-only bucket with the state bucket's retention and `prevent_destroy`; the
 * role S3 replicates with; and a replication rule for the whole bucket that replicates SSE-KMS
 * objects into the replica's key. Delete markers are not replicated: a state deleted in the
 * primary stays readable in the replica.
 */
export class StateReplica extends Construct {
  readonly bucket: S3Bucket;
  readonly key: KmsKey;
  readonly role: IamRole;
  readonly replication: S3BucketReplicationConfigurationA;
  /** The replica's protective settings and its key (not the lifecycle rules, which take a minute to apply). */
  readonly settings: readonly TerraformResource[];

  constructor(scope: Construct, id: string, props: StateReplicaProps) {
    super(scope, id);
    const { provider } = props;
    this.key = new KmsKey(this, 'key', {
      provider,
      description: 'Encrypts the replica of the Terraform state bucket',
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      lifecycle: { preventDestroy: true },
    });
    const alias = new KmsAlias(this, 'alias', {
      provider,
      name: props.keyAlias,
      targetKeyId: this.key.keyId,
      lifecycle: { preventDestroy: true },
    });
    const replica = new PrivateBucket(this, 'storage', {
      bucket: props.bucketName,
      kmsKeyArn: this.key.arn,
      preventDestroy: true,
      provider,
    });
    this.bucket = replica.bucket;

    // Nothing depends on it: the aws provider's wait for stable rules runs beside the state bucket's.
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket: replica.bucket.id,
      lifecycle: { preventDestroy: true },
      rule: [
        {
          id: 'expire-noncurrent-state-versions',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionRetentionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
        },
      ],
    });

    // Access follows the configuration (docs/iam.md): no prevent_destroy on IAM.
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: 'S3 replicates the Terraform state bucket to its replica with this role',
      assumeRolePolicy: JSON.stringify(props.trustPolicy),
    });
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'replicate-state-bucket',
      role: this.role.id,
      policy: JSON.stringify(props.policy(this.key.arn)),
    });

    this.replication = new S3BucketReplicationConfigurationA(this, 'replication', {
      bucket: props.source.id,
      role: this.role.arn,
      dependsOn: [props.sourceVersioning, replica.versioning, policy],
      lifecycle: { preventDestroy: true },
      rule: [
        {
          id: 'replicate-every-state',
          status: 'Enabled',
          priority: 1,
          filter: {},
          deleteMarkerReplication: { status: 'Disabled' },
          // SSE-KMS objects (every state) replicate only when the rule says so and names the key.
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: replica.bucket.arn,
            storageClass: 'STANDARD',
            encryptionConfiguration: { replicaKmsKeyId: this.key.arn },
          },
        },
      ],
    });
    this.settings = [this.key, alias, ...replica.settings];
  }
}
