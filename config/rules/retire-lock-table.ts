import { LOCKING_MODES } from './choices';
import { problem, type InputRule } from './problem';

/**
 * `retireLockTable` forgets the lock table, so it is only valid where nothing locks in it any more:
 * in `dynamodb` and `dynamodb+s3` modes every Terraform run still takes its lock (and checks the
 * state digest) in that table.
 */
export const retireLockTableRule: InputRule = (config) => {
  const retire: unknown = config.retireLockTable;
  if (retire === undefined || retire === false) return [];
  if (retire !== true) return [problem('retireLockTable', retire, 'must be true or false')];
  const locking = config.locking ?? 'dynamodb';
  // An unknown mode is reported by the choices rule; saying it again here would only add noise.
  if (!LOCKING_MODES.includes(locking) || locking === 's3') return [];
  return [
    problem(
      'retireLockTable',
      retire,
      `only valid with locking "s3", but locking is "${locking}": Terraform still takes its locks in the table in that mode. ` +
        'Move every machine and CI job to "dynamodb+s3", then to "s3", and retire the table last (docs/retiring-the-lock-table.md)',
    ),
  ];
};
