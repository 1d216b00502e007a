import { partition } from '@aws-sdk/util-endpoints';

/**
 * IAM policy documents as plain JSON values, and the ARNs they name. Pure: the bootstrap turns a
 * document into a resource (`JSON.stringify`), the tests evaluate the very same value.
 */

/** `{ Operator: { key: value(s) } }`, e.g. `{ StringEquals: { 's3:prefix': ['dev/terraform.tfstate'] } }`. */
export type PolicyCondition = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

interface StatementBase {
  /** What the statement is for, in a word (IAM allows letters and digits only). */
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Readonly<Record<string, string | readonly string[]>>;
  /** Absent in trust policies: there the role itself is the resource. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: PolicyCondition;
}

/** The actions a statement names, or (NotAction, in a Deny) every action but those. */
export type PolicyStatement = StatementBase &
  (
    | { readonly Action: string | readonly string[]; readonly NotAction?: never }
    | { readonly NotAction: string | readonly string[]; readonly Action?: never }
  );

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** The partition of a region (`aws`, `aws-cn`, `aws-us-gov`, ...) and its DNS suffix, from the AWS SDK's data. */
export function awsPartition(region: string): { readonly name: string; readonly dnsSuffix: string } {
  const { name, dnsSuffix } = partition(region);
  return { name, dnsSuffix };
}

/** Every ARN a state policy names. S3 ARNs have no region or account: bucket names are global. */
export const arns = {
  bucket: (partitionName: string, bucket: string) => `arn:${partitionName}:s3:::${bucket}`,
  object: (partitionName: string, bucket: string, key: string) => `arn:${partitionName}:s3:::${bucket}/${key}`,
  table: (partitionName: string, region: string, accountId: string, table: string) =>
    `arn:${partitionName}:dynamodb:${region}:${accountId}:table/${table}`,
  /** An SSM parameter or path; `name` starts with "/". */
  parameter: (partitionName: string, region: string, accountId: string, name: string) =>
    `arn:${partitionName}:ssm:${region}:${accountId}:parameter${name}`,
  role: (partitionName: string, accountId: string, name: string) =>
    `arn:${partitionName}:iam::${accountId}:role/${name}`,
  policy: (partitionName: string, accountId: string, name: string) =>
    `arn:${partitionName}:iam::${accountId}:policy/${name}`,
} as const;
