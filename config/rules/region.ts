import { problem, type InputRule, type Problem } from './problem';

// e.g. us-east-1, eu-central-2, ap-southeast-4, us-gov-west-1, cn-north-1, eusc-de-east-1
const REGION = /^([a-z]{2}(-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-\d{1,2}$/;

export function regionProblems(field: string, value: unknown): Problem[] {
  if (typeof value === 'string' && REGION.test(value)) return [];
  return [
    problem(
      field,
      value,
      'an AWS region looks like "us-east-1": two letters, a dash, a direction such as "east", a dash and a number',
    ),
  ];
}

export const regionRule: InputRule = (config) => [
  ...regionProblems('stateRegion', config.stateRegion),
  ...Object.entries(config.environments).flatMap(([name, environment]) =>
    regionProblems(`environments.${name}.region`, environment.region),
  ),
];
