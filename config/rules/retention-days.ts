import { problem, type InputRule } from './problem';

export const retentionDaysRule: InputRule = (config) => {
  const days: unknown = config.noncurrentVersionRetentionDays;
  if (days === undefined || (Number.isInteger(days) && (days as number) >= 1 && (days as number) <= 36500)) return [];
  return [
    problem(
      'noncurrentVersionRetentionDays',
      days,
      'the number of days to keep replaced state versions must be a whole number from 1 to 36500',
    ),
  ];
};
