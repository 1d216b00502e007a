import { arns, awsPartition, policyDocument, type PolicyDocument, type PolicyStatement } from './iam-policy';
import type { ValidProject } from './project';

/**
 * The replica of the state bucket (`stateReplicaRegion`, docs/recover-a-state.md): the role S3
 * assumes to replicate, and exactly what replication needs (AWS: "Setting up permissions for live
 * replication", "Replicating objects created with SSE-KMS"). Pure JSON, proven by the IAM simulator.
 */

export function replicationRoleName(project: string): string {
  return `${project}-tfstate-replication`;
}

/** What only the deployed bootstrap knows: at synth these may be references. */
export interface ReplicationTarget {
  readonly accountId: string;
  /** The customer-managed state key's ARN; without one, objects are under the AWS-managed aws/s3 key. */
  readonly stateKeyArn?: string;
  /** The replica bucket's key, in the replica region. */
  readonly replicaKeyArn: string;
}

/** S3, replicating for this bucket of this account only (the confused-deputy conditions). */
export function replicationTrustPolicy(project: ValidProject, accountId: string): PolicyDocument {
  const partition = awsPartition(project.config.stateRegion).name;
  return policyDocument([
    {
      Sid: 'S3ReplicatesTheStateBucket',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'aws:SourceAccount': accountId },
        ArnLike: { 'aws:SourceArn': arns.bucket(partition, project.names.stateBucket) },
      },
    },
  ]);
}

export function replicationPolicy(project: ValidProject, target: ReplicationTarget): PolicyDocument {
  const { config, names } = project;
  if (config.stateReplicaRegion === undefined || names.replicaBucket === undefined) {
    throw new Error('replicationPolicy: the project has no replica (stateReplicaRegion)');
  }
  const { name: partition, dnsSuffix } = awsPartition(config.stateRegion);
  const source = arns.bucket(partition, names.stateBucket);
  const replica = arns.bucket(partition, names.replicaBucket);
  // With S3 Bucket Keys (on for both buckets) the encryption context is the bucket's ARN; an
  // object written without one has its own ARN: both, and nothing of another bucket.
  const context = (bucket: string) => ({ 'kms:EncryptionContext:aws:s3:arn': [bucket, `${bucket}/*`] });
  const statements: PolicyStatement[] = [
    {
      Sid: 'ReadReplicationConfiguration',
      Effect: 'Allow',
      Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
      Resource: source,
    },
    {
      Sid: 'ReadSourceVersions',
      Effect: 'Allow',
      Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
      Resource: `${source}/*`,
    },
    {
      Sid: 'WriteReplicas',
      Effect: 'Allow',
      Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
      Resource: `${replica}/*`,
    },
    {
      Sid: 'DecryptSourceThroughS3',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      // The AWS-managed aws/s3 key's ARN is not known at synth (it may not exist yet): any key of the
      // account, only through S3 in the state region and only for this bucket's objects.
      Resource: target.stateKeyArn ?? `arn:${partition}:kms:${config.stateRegion}:${target.accountId}:key/*`,
      Condition: {
        StringEquals: { 'kms:ViaService': `s3.${config.stateRegion}.${dnsSuffix}` },
        StringLike: context(source),
      },
    },
    {
      Sid: 'EncryptReplicasThroughS3',
      Effect: 'Allow',
      Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: target.replicaKeyArn,
      Condition: {
        StringEquals: {
          'kms:ViaService': `s3.${config.stateReplicaRegion}.${awsPartition(config.stateReplicaRegion).dnsSuffix}`,
        },
        StringLike: context(replica),
      },
    },
  ];
  return policyDocument(statements);
}
