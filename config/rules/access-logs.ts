import { problem, type InputRule, type Problem } from './problem';

/** The most days S3 lifecycle expiration accepts in this project (100 years), as for state versions. */
export const MAX_RETENTION_DAYS = 36500;

/**
 * `stateAccessLogs` is a yes or no; `accessLogRetentionDays` a whole number of days, and only
 * with the logs on: a retention without logs would be a setting that does nothing.
 */
export const accessLogsRule: InputRule = (config) => {
  const problems: Problem[] = [];
  const logs: unknown = config.stateAccessLogs;
  if (logs !== undefined && typeof logs !== 'boolean') {
    problems.push(problem('stateAccessLogs', logs, 'must be true or false'));
  }
  const days: unknown = config.accessLogRetentionDays;
  if (days === undefined) return problems;
  if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > MAX_RETENTION_DAYS) {
    problems.push(
      problem(
        'accessLogRetentionDays',
        days,
        `the number of days to keep access logs must be a whole number from 1 to ${MAX_RETENTION_DAYS}`,
      ),
    );
  } else if (logs !== true) {
    problems.push(
      problem(
        'accessLogRetentionDays',
        days,
        'only applies with stateAccessLogs: true; without access logs it would be ignored',
      ),
    );
  }
  return problems;
};
