import { BOOTSTRAP_STACK } from '../stack-names';
import { problem, type InputRule, type Problem } from './problem';

/** Environment names become stack names, directory names, state keys and tag values. */
export const environmentNameRule: InputRule = (config) => {
  const problems: Problem[] = [];
  for (const name of Object.keys(config.environments)) {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(name) || name.endsWith('-')) {
      problems.push(
        problem(
          `environments.${name}`,
          name,
          'environment names must be 1 to 32 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
        ),
      );
    } else if (name === BOOTSTRAP_STACK) {
      problems.push(
        problem(
          `environments.${name}`,
          name,
          `"${BOOTSTRAP_STACK}" is the name of the stack that creates the state storage; choose another environment name`,
        ),
      );
    }
  }
  return problems;
};
