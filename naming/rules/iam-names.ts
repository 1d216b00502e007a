import { problem, type Problem } from '../../config/rules/problem';
import { deployRoles, IAM_ROLE_NAME_MAX_LENGTH } from '../deploy-roles';
import { crossAccountEnvironments, stateRoleName } from '../state-roles';
import type { NameRule } from './name-rule';

// In an IAM policy, * and ? in a resource are wildcards and ${...} a variable.
const IAM_SPECIAL = /[*?$]/;

/** Names that end up in IAM: the state keys in each state policy, the deploy roles' names. */
export const iamNamesRule: NameRule = (config, names) => {
  const problems: Problem[] = [];
  for (const [environment, { stateKey }] of Object.entries(names.environments)) {
    if (IAM_SPECIAL.test(stateKey)) {
      problems.push(
        problem(
          `environments.${environment}.stateKey`,
          stateKey,
          'a state key must not contain "*", "?" or "$": IAM reads them as wildcards or variables, and the environment\'s state policy would reach other keys',
        ),
      );
    }
  }
  for (const role of deployRoles({ config, names })) {
    if (role.roleName.length > IAM_ROLE_NAME_MAX_LENGTH) {
      problems.push(
        problem(
          `environments.${role.environment} (deploy role name, ci.github)`,
          role.roleName,
          `IAM role names are at most ${IAM_ROLE_NAME_MAX_LENGTH} characters (this one has ${role.roleName.length}): shorten the project or the environment name`,
        ),
      );
    }
  }
  for (const environment of crossAccountEnvironments({ config, names })) {
    const roleName = stateRoleName(config.project, environment);
    if (roleName.length > IAM_ROLE_NAME_MAX_LENGTH) {
      problems.push(
        problem(
          `environments.${environment} (state role name, accountId)`,
          roleName,
          `IAM role names are at most ${IAM_ROLE_NAME_MAX_LENGTH} characters (this one has ${roleName.length}): shorten the project or the environment name`,
        ),
      );
    }
  }
  return problems;
};
