import { arns, awsPartition, type PolicyStatement } from './iam-policy';
import type { ValidProject } from './project';

/** Where in the log bucket the state bucket's access logs go. */
export const ACCESS_LOG_PREFIX = 'state-bucket/';

/**
 * The log bucket's grant to S3 server access logging: the logging service may put log objects
 * under the prefix, only for the state bucket of this account (AWS: "Permissions for log delivery",
 * the bucket-policy way, which works with ACLs off). Pure JSON, proven by the IAM simulator.
 */
export function accessLogDeliveryStatement(project: ValidProject, accountId: string): PolicyStatement {
  const { config, names } = project;
  if (names.accessLogBucket === undefined) throw new Error('accessLogDeliveryStatement: access logs are off');
  const partition = awsPartition(config.stateRegion).name;
  return {
    Sid: 'S3ServerAccessLogsOfTheStateBucket',
    Effect: 'Allow',
    Principal: { Service: 'logging.s3.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `${arns.bucket(partition, names.accessLogBucket)}/${ACCESS_LOG_PREFIX}*`,
    Condition: {
      ArnLike: { 'aws:SourceArn': arns.bucket(partition, names.stateBucket) },
      StringEquals: { 'aws:SourceAccount': accountId },
    },
  };
}
