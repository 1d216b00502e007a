import { problem, type InputRule, type Problem } from './problem';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The structure the other rules rely on; checked first. */
export const shapeRule: InputRule = (config) => {
  if (!isRecord(config)) return [problem('(configuration)', config, 'the configuration must be an object')];
  const environments: unknown = config.environments;
  if (!isRecord(environments) || Object.keys(environments).length === 0) {
    return [problem('environments', environments, 'at least one environment is required, e.g. { dev: { region: "us-east-1" } }')];
  }
  const problems: Problem[] = [];
  for (const [name, environment] of Object.entries(environments)) {
    if (!isRecord(environment)) {
      problems.push(problem(`environments.${name}`, environment, 'each environment must be an object such as { region: "us-east-1" }'));
    } else if (environment.allowedAccountIds !== undefined && !Array.isArray(environment.allowedAccountIds)) {
      problems.push(problem(`environments.${name}.allowedAccountIds`, environment.allowedAccountIds, 'must be a list of account IDs'));
    }
  }
  return problems;
};
