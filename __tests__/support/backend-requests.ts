import { bootstrapParameterPath } from '../../naming/bootstrap-version';
import { awsPartition, arns } from '../../naming/iam-policy';
import type { EnvironmentStateNames } from '../../naming/names';
import type { ValidProject } from '../../naming/project';
import type { SimulatedRequest } from './iam-simulator';

/**
 * The requests an environment's deploy makes to the state storage, as IAM authorizes them, read
 * from Terraform 1.11's S3 backend (internal/backend/remote-state/s3, client.go and
 * backend_state.go) for the default workspace, plus the environment stack's own read of the
 * bootstrap record. `state` may be another environment's names: the same requests, aimed at its state.
 */
export function backendRequests(
  project: ValidProject,
  state: EnvironmentStateNames,
  where: { readonly accountId: string; readonly stateKeyArn?: string },
): SimulatedRequest[] {
  const { config, names } = project;
  const { name: partition, dnsSuffix } = awsPartition(config.stateRegion);
  const object = (key: string) => arns.object(partition, names.stateBucket, key);
  const table = arns.table(partition, config.stateRegion, where.accountId, names.lockTable);
  const item = (lockId: string) => ({ 'dynamodb:LeadingKeys': [lockId] });
  const usesTable = config.locking !== 's3';
  const usesLockfile = config.locking !== 'dynamodb';

  const requests: SimulatedRequest[] = [
    // S3 checks s3:ListBucket, with the key as prefix, to answer 404 rather than 403 for a state not written yet.
    {
      what: 'the not-found answer for a new state',
      action: 's3:ListBucket',
      resource: arns.bucket(partition, names.stateBucket),
      context: { 's3:prefix': state.stateKey },
    },
    { what: 'HeadObject/GetObject of the state', action: 's3:GetObject', resource: object(state.stateKey) },
    { what: 'PutObject of the state', action: 's3:PutObject', resource: object(state.stateKey) },
  ];
  if (usesLockfile) {
    requests.push(
      {
        what: 'PutObject of the lockfile (If-None-Match: *)',
        action: 's3:PutObject',
        resource: object(state.lockfileKey),
      },
      {
        what: 'GetObject of the lockfile (unlock, or who holds it)',
        action: 's3:GetObject',
        resource: object(state.lockfileKey),
      },
      { what: 'DeleteObject of the lockfile (unlock)', action: 's3:DeleteObject', resource: object(state.lockfileKey) },
    );
  }
  if (usesTable) {
    requests.push(
      { what: 'PutItem of the lock item', action: 'dynamodb:PutItem', resource: table, context: item(state.lockId) },
      { what: 'GetItem of the lock item', action: 'dynamodb:GetItem', resource: table, context: item(state.lockId) },
      {
        what: 'DeleteItem of the lock item',
        action: 'dynamodb:DeleteItem',
        resource: table,
        context: item(state.lockId),
      },
      { what: 'GetItem of the digest', action: 'dynamodb:GetItem', resource: table, context: item(state.digestId) },
      { what: 'PutItem of the digest', action: 'dynamodb:PutItem', resource: table, context: item(state.digestId) },
    );
  }
  if (config.stateEncryption === 'customer-managed' && where.stateKeyArn !== undefined) {
    const via = (service: string) => ({ 'kms:ViaService': `${service}.${config.stateRegion}.${dnsSuffix}` });
    requests.push(
      { what: 'KMS for S3 writes', action: 'kms:GenerateDataKey', resource: where.stateKeyArn, context: via('s3') },
      { what: 'KMS for S3 reads', action: 'kms:Decrypt', resource: where.stateKeyArn, context: via('s3') },
    );
    if (usesTable) {
      // DynamoDB decrypts the table key with the caller's permissions; it generates it itself.
      requests.push({
        what: 'kms:Decrypt of the lock table key',
        action: 'kms:Decrypt',
        resource: where.stateKeyArn,
        context: via('dynamodb'),
      });
    }
  }
  // npm run state (history, restore) through the environment's state role: its own versions.
  requests.push(
    {
      what: 'ListObjectVersions of the state (history)',
      action: 's3:ListBucketVersions',
      resource: arns.bucket(partition, names.stateBucket),
      context: { 's3:prefix': state.stateKey },
    },
    {
      what: 'GetObject of a version of the state (history, restore)',
      action: 's3:GetObjectVersion',
      resource: object(state.stateKey),
    },
  );
  requests.push({
    what: 'GetParametersByPath of the bootstrap record (the version check)',
    action: 'ssm:GetParametersByPath',
    resource: arns.parameter(partition, config.stateRegion, where.accountId, bootstrapParameterPath(config.project)),
  });
  return requests;
}

/** The requests that touch one environment's own state objects and items (not the shared key or record). */
export function stateSpecific(requests: readonly SimulatedRequest[]): SimulatedRequest[] {
  return requests.filter((request) => request.action.startsWith('s3:') || request.action.startsWith('dynamodb:'));
}

/** What a plan never does: write the state object or the digest. A plan makes every other request above. */
export function isStateWrite(request: SimulatedRequest): boolean {
  return request.what === 'PutObject of the state' || request.what === 'PutItem of the digest';
}
