import { problem, type Problem } from '../../config/rules/problem';
import type { NameRule } from './name-rule';

// Terraform writes `<key>.tflock` (S3 lockfile) and `<bucket>/<key>-md5` (digest item) next to
// each state; a key ending like that would collide with another environment's lock data.
const RESERVED_SUFFIXES = ['.tflock', '-md5'];
// The S3 backend stores non-default workspaces under `env:/<workspace>/<key>`.
const WORKSPACE_PREFIX = 'env:';

export const stateKeyRule: NameRule = (config, names) => {
  const problems: Problem[] = [];
  const owners = new Map<string, string>();
  for (const [environment, { stateKey }] of Object.entries(names.environments)) {
    const field =
      config.environments[environment]?.stateKey === undefined
        ? `environments.${environment}.stateKey (derived from the environment name)`
        : `environments.${environment}.stateKey`;
    const rules: string[] = [];
    if (stateKey.length === 0 || Buffer.byteLength(stateKey) > 1000) {
      rules.push('a state key must be 1 to 1000 bytes long');
    }
    if (stateKey.startsWith('/') || stateKey.endsWith('/') || stateKey.includes('//')) {
      rules.push('a state key must not start or end with "/" or contain "//"');
    }
    if (stateKey.startsWith(WORKSPACE_PREFIX)) {
      rules.push(`a state key must not start with "${WORKSPACE_PREFIX}": the S3 backend keeps workspace states there`);
    }
    for (const suffix of RESERVED_SUFFIXES) {
      if (stateKey.endsWith(suffix))
        rules.push(`a state key must not end with "${suffix}": Terraform uses that suffix for its lock data`);
    }
    if (stateKey === names.bootstrapState.stateKey) {
      rules.push('this key holds the bootstrap\'s own state when bootstrapState is "s3"; choose another');
    }
    const owner = owners.get(stateKey);
    if (owner !== undefined) {
      rules.push(`every environment needs its own state key; "${owner}" already uses this one`);
    } else {
      owners.set(stateKey, environment);
    }
    problems.push(...rules.map((rule) => problem(field, stateKey, rule)));
  }
  return problems;
};
