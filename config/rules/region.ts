import { isKnownRegion, regionSuggestions } from '../regions';
import { didYouMean } from '../suggest';
import { problem, type InputRule, type Problem } from './problem';

export function regionProblems(field: string, value: unknown): Problem[] {
  if (typeof value === 'string' && isKnownRegion(value)) return [];
  const suggestions = typeof value === 'string' ? regionSuggestions(value) : [];
  return [
    problem(
      field,
      value,
      `must be an AWS region such as "us-east-1" (the AWS SDK's list of regions)${didYouMean(suggestions)}`,
    ),
  ];
}

export const regionRule: InputRule = (config) => [
  ...regionProblems('stateRegion', config.stateRegion),
  ...Object.entries(config.environments).flatMap(([name, environment]) =>
    regionProblems(`environments.${name}.region`, environment.region),
  ),
];
