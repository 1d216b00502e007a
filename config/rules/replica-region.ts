import { partition } from '@aws-sdk/util-endpoints';
import { problem, type InputRule } from './problem';
import { regionProblems } from './region';

/**
 * `stateReplicaRegion`: a known region other than the state's own (a replica in the same region
 * survives nothing the primary does not), in the same partition (S3 replicates only within one).
 */
export const replicaRegionRule: InputRule = (config) => {
  const replica: unknown = config.stateReplicaRegion;
  if (replica === undefined) return [];
  const field = 'stateReplicaRegion';
  const unknown = regionProblems(field, replica);
  if (unknown.length > 0 || typeof replica !== 'string') return unknown;
  if (replica === config.stateRegion) {
    return [
      problem(
        field,
        replica,
        `is the state's own region (stateRegion): a replica must be in a second region to survive the loss of the first`,
      ),
    ];
  }
  const stateRegion: unknown = config.stateRegion;
  if (typeof stateRegion === 'string') {
    const [own, other] = [partition(stateRegion).name, partition(replica).name];
    if (own !== other) {
      return [
        problem(
          field,
          replica,
          `is in the ${other} partition, the state (${stateRegion}) in ${own}: S3 replicates only within one partition`,
        ),
      ];
    }
  }
  return [];
};
