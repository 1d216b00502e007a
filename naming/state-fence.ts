import { bootstrapParameterPath } from './bootstrap-version';
import { GITHUB_OIDC_HOST } from './deploy-roles';
import { environmentNames, requireEnvironment } from './environments';
import { arns, awsPartition, policyDocument, type PolicyDocument, type PolicyStatement } from './iam-policy';
import type { ValidProject } from './project';
import type { StateAccessTarget } from './state-access-policy';

/**
 * The fence every CI role of an environment carries (an inline policy of explicit denies): whatever
 * else the role holds, `workloadPolicyArns` and `planPolicyArns` included, up to AdministratorAccess,
 * it cannot touch another environment's state, lockfile or lock items, the bootstrap's, the state
 * storage's own settings, nor the project's IAM that would lift the fence. A plan role's fence also
 * refuses writing its own state object and digest. docs/iam.md#the-fence; proven with the IAM
 * simulator in __tests__/naming/state-fence.test.ts.
 *
 * No NotResource: S3 and DynamoDB have no condition key for an object key or a bucket, so "every
 * state but mine" is the other states, listed; and some policy evaluators read a Deny with
 * NotResource as an Allow of everything (state-fence.test.ts names one).
 */

export type CiRoleKind = 'plan' | 'deploy';

/** The inline policy's name on each CI role. */
export const STATE_FENCE_POLICY_NAME = 'state-fence';

/** IAM's limit for all inline policies of one role together, in characters without whitespace. */
export const IAM_INLINE_POLICIES_MAX_LENGTH = 10_240;

export function stateFencePolicy(
  project: ValidProject,
  environment: string,
  target: StateAccessTarget,
  kind: CiRoleKind,
): PolicyDocument {
  const { config, names } = project;
  const own = requireEnvironment(project, environment).names;
  const { name: partition } = awsPartition(config.stateRegion);
  const object = (key: string) => arns.object(partition, names.stateBucket, key);
  const table = arns.table(partition, config.stateRegion, target.accountId, names.lockTable);
  const others = [
    ...environmentNames(project)
      .filter((other) => other !== environment)
      .map((other) => requireEnvironment(project, other).names),
    names.bootstrapState,
  ];
  const iam = (kind: 'role' | 'policy', name: string) => `arn:${partition}:iam::${target.accountId}:${kind}/${name}`;

  const statements: PolicyStatement[] = [
    // Every other state in the bucket, with its lockfile: reads, writes, deletes, versions, ACLs, tags.
    {
      Sid: 'DenyOtherStates',
      Effect: 'Deny',
      Action: 's3:*',
      Resource: others.flatMap((state) => [object(state.stateKey), object(state.lockfileKey)]),
    },
    // Every item of the lock table but this environment's lock and digest. ForAnyValue: a batch
    // naming this environment's item and another's is refused too.
    {
      Sid: 'DenyOtherLockItems',
      Effect: 'Deny',
      Action: 'dynamodb:*',
      Resource: table,
      Condition: { 'ForAnyValue:StringNotEquals': { 'dynamodb:LeadingKeys': [own.lockId, own.digestId] } },
    },
    // The storage's own settings (bucket policy, versioning, public access block, deletion; the
    // table's deletion protection, scans, exports): only the listings (of its own key, and of its
    // versions for npm run state) and item requests.
    {
      Sid: 'DenyStateBucketSettings',
      Effect: 'Deny',
      NotAction: ['s3:ListBucket', 's3:ListBucketVersions'],
      Resource: arns.bucket(partition, names.stateBucket),
    },
    // Versions are listed by key prefix: only this environment's own (npm run state -- history).
    {
      Sid: 'DenyOtherStateHistories',
      Effect: 'Deny',
      Action: 's3:ListBucketVersions',
      Resource: arns.bucket(partition, names.stateBucket),
      Condition: { StringNotEquals: { 's3:prefix': own.stateKey } },
    },
    {
      Sid: 'DenyLockTableSettings',
      Effect: 'Deny',
      NotAction: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
      Resource: table,
    },
    // The bootstrap record that every environment's version check reads.
    {
      Sid: 'DenyBootstrapRecordChanges',
      Effect: 'Deny',
      Action: ['ssm:PutParameter', 'ssm:DeleteParameter', 'ssm:DeleteParameters', 'ssm:LabelParameterVersion'],
      Resource: `${arns.parameter(partition, config.stateRegion, target.accountId, bootstrapParameterPath(config.project))}/*`,
    },
    // The project's roles and policies (this fence among them) and GitHub's identity provider: a
    // role that could edit them could lift its fence, or trust itself into another environment's roles.
    {
      Sid: 'DenyProjectIam',
      Effect: 'Deny',
      Action: 'iam:*',
      Resource: [
        iam('role', `${config.project}-deploy-*`),
        iam('role', `${config.project}-plan-*`),
        iam('role', `${config.project}-tfstate-*`),
        iam('policy', `${config.project}-tfstate-*`),
        iam('policy', `${config.project}-tfplan-*`),
        config.ci?.github.oidcProviderArn ??
          `arn:${partition}:iam::${target.accountId}:oidc-provider/${GITHUB_OIDC_HOST}`,
      ],
    },
  ];
  if (target.stateKeyArn !== undefined) {
    // The customer-managed key of every state: only what S3 and DynamoDB ask for on the caller's behalf.
    statements.push({
      Sid: 'DenyStateKeyManagement',
      Effect: 'Deny',
      NotAction: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: target.stateKeyArn,
    });
  }
  if (kind === 'plan') {
    // A plan never writes its state: not with its plan policy, nor with anything planPolicyArns adds.
    statements.push(
      {
        Sid: 'DenyStateWrites',
        Effect: 'Deny',
        Action: ['s3:PutObject*', 's3:DeleteObject*', 's3:RestoreObject'],
        Resource: object(own.stateKey),
      },
      {
        Sid: 'DenyDigestWrites',
        Effect: 'Deny',
        Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
        Resource: table,
        Condition: { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': [own.digestId] } },
      },
    );
  }
  return policyDocument(statements);
}

/** A policy's size as IAM counts it against its limits: its JSON without whitespace. */
export function policySize(document: PolicyDocument): number {
  return JSON.stringify(document).length;
}
