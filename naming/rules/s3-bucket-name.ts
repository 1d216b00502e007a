import { problem, type Problem } from '../../config/rules/problem';
import type { NameRule } from './name-rule';

// Reserved by S3 for its own features (access points, Express One Zone, tables...).
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** S3's bucket naming rules (general purpose buckets). */
export function s3BucketNameProblems(field: string, name: string): Problem[] {
  const rules: string[] = [];
  if (name.length < 3 || name.length > 63) {
    rules.push(`S3 bucket names must be 3 to 63 characters long (this one has ${name.length})`);
  }
  if (!/^[a-z0-9.-]*$/.test(name)) {
    rules.push('S3 bucket names may contain only lowercase letters, digits, dots (.) and hyphens (-)');
  }
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    rules.push('S3 bucket names must begin and end with a lowercase letter or a digit');
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) {
    rules.push('S3 bucket names must not be formatted as an IP address');
  }
  if (name.includes('..')) {
    rules.push('S3 bucket names must not contain two adjacent dots (..)');
  }
  for (const prefix of RESERVED_PREFIXES) {
    if (name.startsWith(prefix)) rules.push(`S3 bucket names must not start with "${prefix}" (reserved by S3)`);
  }
  for (const suffix of RESERVED_SUFFIXES) {
    if (name.endsWith(suffix)) rules.push(`S3 bucket names must not end with "${suffix}" (reserved by S3)`);
  }
  return rules.map((rule) => problem(field, name, rule));
}

export const stateBucketNameRule: NameRule = (config, names) =>
  s3BucketNameProblems(
    config.stateBucketName === undefined
      ? 'stateBucketName (derived from project, accountId and stateRegion)'
      : 'stateBucketName',
    names.stateBucket,
  );

/** The replica bucket's name, when there is a replica. */
export const replicaBucketNameRule: NameRule = (config, names) =>
  names.replicaBucket === undefined
    ? []
    : s3BucketNameProblems(
        config.stateBucketName === undefined
          ? 'stateReplicaRegion (replica bucket name, derived from project, accountId and stateReplicaRegion)'
          : 'stateReplicaRegion (replica bucket name, derived from stateBucketName)',
        names.replicaBucket,
      );

/** The access log bucket's name, when access logs are on. */
export const accessLogBucketNameRule: NameRule = (config, names) =>
  names.accessLogBucket === undefined
    ? []
    : s3BucketNameProblems(
        config.stateBucketName === undefined
          ? 'stateAccessLogs (log bucket name, derived from project, accountId and stateRegion)'
          : 'stateAccessLogs (log bucket name, derived from stateBucketName)',
        names.accessLogBucket,
      );
