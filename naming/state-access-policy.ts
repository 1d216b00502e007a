import { bootstrapParameterPath } from './bootstrap-version';
import { requireEnvironment } from './environments';
import { arns, awsPartition, policyDocument, type PolicyDocument, type PolicyStatement } from './iam-policy';
import type { ValidProject } from './project';

/**
 * The least-privilege policy for one environment's state: exactly the requests Terraform's S3
 * backend (hashicorp/terraform 1.11, internal/backend/remote-state/s3: client.go and
 * backend_state.go) makes for that state in the configured locking mode, plus the one read the
 * environment stack makes next to its state (the bootstrap record). Nothing of another environment.
 * docs/iam.md explains each statement; __tests__/naming/state-access-policy.test.ts proves them.
 */

/** The managed policy the bootstrap creates for an environment (IAM policy names: up to 128 characters). */
export function stateAccessPolicyName(project: string, environment: string): string {
  return `${project}-tfstate-${environment}`;
}

/** What only the deployed bootstrap knows: at synth these may be references (Terraform expressions). */
export interface StateAccessTarget {
  /** The account of the state storage: the table's and the bootstrap record's ARNs name it. */
  readonly accountId: string;
  /** ARN of the customer-managed state key; needed (and used) only with `stateEncryption: 'customer-managed'`. */
  readonly stateKeyArn?: string;
}

export function stateAccessPolicy(
  project: ValidProject,
  environment: string,
  target: StateAccessTarget,
): PolicyDocument {
  const { config, names } = project;
  const state = requireEnvironment(project, environment).names;
  const { name: partition, dnsSuffix } = awsPartition(config.stateRegion);
  const usesTable = config.locking !== 's3';
  const usesLockfile = config.locking !== 'dynamodb';
  const table = arns.table(partition, config.stateRegion, target.accountId, names.lockTable);

  const statements: PolicyStatement[] = [
    // S3 answers a read of a missing object with 404 only to a caller that may list it, 403 to
    // others; Terraform reads the state before its first write and takes only 404 as "no state yet".
    // Terraform's own listing (ListObjectsV2 with prefix "env:/", looking for workspaces) is not
    // granted: it would show every environment's workspace keys, and Terraform, with the default
    // workspace_key_prefix, takes its AccessDenied as "only the default workspace".
    {
      Sid: 'ListOwnStateKey',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: arns.bucket(partition, names.stateBucket),
      Condition: { StringEquals: { 's3:prefix': [state.stateKey] } },
    },
    // HeadObject and GetObject (both s3:GetObject) read the state, PutObject writes it. Never
    // DeleteObject: Terraform deletes a state only with its workspace, and this project has none.
    {
      Sid: 'ReadWriteState',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: arns.object(partition, names.stateBucket, state.stateKey),
    },
    // The environment's own history, for `npm run state -- history|restore` through the state role
    // (docs/recover-a-state.md): its versions listed and read. The same data as the state itself;
    // never DeleteObjectVersion, so no version can be removed.
    {
      Sid: 'ReadOwnStateHistory',
      Effect: 'Allow',
      Action: 's3:ListBucketVersions',
      Resource: arns.bucket(partition, names.stateBucket),
      Condition: { StringEquals: { 's3:prefix': [state.stateKey] } },
    },
    {
      Sid: 'ReadOwnStateVersions',
      Effect: 'Allow',
      Action: 's3:GetObjectVersion',
      Resource: arns.object(partition, names.stateBucket, state.stateKey),
    },
  ];
  if (usesLockfile) {
    // Lock: PutObject with If-None-Match: *. Unlock: GetObject (is it our lock?), then DeleteObject.
    // A refused lock: GetObject, to say who holds it.
    statements.push({
      Sid: 'TakeReleaseLockfile',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: arns.object(partition, names.stateBucket, state.lockfileKey),
    });
  }
  if (usesTable) {
    // `ForAllValues` holds vacuously for a request without keys (Scan, Query); `Null: false` requires
    // them, so every allowed request names only this item. No DescribeTable: the backend never calls it.
    const onlyItem = (lockId: string) => ({
      'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [lockId] },
      Null: { 'dynamodb:LeadingKeys': 'false' },
    });
    // Lock: PutItem with attribute_not_exists(LockID). Unlock: GetItem (is it our lock?), DeleteItem.
    statements.push({
      Sid: 'TakeReleaseLockItem',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
      Resource: table,
      Condition: onlyItem(state.lockId),
    });
    // The state's MD5: GetItem on every read, PutItem on every write. It is deleted only with a workspace.
    statements.push({
      Sid: 'ReadWriteStateDigest',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      Resource: table,
      Condition: onlyItem(state.digestId),
    });
  }
  if (config.stateEncryption === 'customer-managed') {
    if (target.stateKeyArn === undefined) {
      throw new Error('stateAccessPolicy: a customer-managed state key needs its ARN (stateKeyArn)');
    }
    // S3 calls KMS with the caller's permissions: GenerateDataKey to write, Decrypt to read. No
    // Encrypt: Terraform's S3 backend documentation lists it, but neither S3 nor DynamoDB calls it
    // for the caller. Only through the service in the state region, never as direct KMS calls. The AWS-managed
    // aws/s3 and aws/dynamodb keys need no grant here: their key policies allow every principal
    // of the account through their service, and nothing else can be granted on them.
    statements.push({
      Sid: 'UseStateKeyThroughStorage',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: target.stateKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': [`s3.${config.stateRegion}.${dnsSuffix}`] } },
    });
    if (usesTable) {
      // The lock table is encrypted with the same key. DynamoDB generates the table key itself
      // (through the grant it created with the table) and decrypts it with the caller's
      // permissions when the caller first uses the table: Decrypt, through DynamoDB, is all a
      // caller needs (AWS KMS Developer Guide, "How Amazon DynamoDB uses AWS KMS").
      statements.push({
        Sid: 'UseStateKeyThroughLockTable',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: target.stateKeyArn,
        Condition: { StringEquals: { 'kms:ViaService': [`dynamodb.${config.stateRegion}.${dnsSuffix}`] } },
      });
    }
  }
  // The environment stack's plan-time check reads the record by path (aws_ssm_parameters_by_path,
  // constructs/bootstrap-version-check.ts). The path holds only the record, which every environment reads.
  statements.push({
    Sid: 'ReadBootstrapRecord',
    Effect: 'Allow',
    Action: 'ssm:GetParametersByPath',
    Resource: arns.parameter(partition, config.stateRegion, target.accountId, bootstrapParameterPath(config.project)),
  });
  return policyDocument(statements);
}
