import { problem, type Problem } from '../../config/rules/problem';
import { assumeProviderRolePolicy, deployRoles, IAM_ROLE_NAME_MAX_LENGTH } from '../deploy-roles';
import { awsPartition } from '../iam-policy';
import type { ValidProject } from '../project';
import { IAM_INLINE_POLICIES_MAX_LENGTH, policySize, stateFencePolicy } from '../state-fence';
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
  // A plan role's name, <project>-plan-<environment>, is two characters shorter than the deploy role's.
  problems.push(...fenceSizeProblems({ config, names }));
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

/**
 * Each CI role's fence lists every other environment's state, so it grows with their number; IAM
 * allows a role 10,240 characters of inline policies. Measured on the documents the bootstrap
 * writes, with a customer-managed key's ARN at its full length.
 */
function fenceSizeProblems(project: ValidProject): Problem[] {
  const { config } = project;
  if (config.ci?.github === undefined || config.accountId === undefined) return [];
  const target = {
    accountId: config.accountId,
    ...(config.stateEncryption === 'customer-managed' && {
      stateKeyArn: `arn:${awsPartition(config.stateRegion).name}:kms:${config.stateRegion}:${config.accountId}:key/00000000-0000-0000-0000-000000000000`,
    }),
  };
  const largest = Math.max(
    0,
    ...deployRoles(project).map((role) => {
      const assume =
        role.providerRoleArn === undefined ? 0 : policySize(assumeProviderRolePolicy(role.providerRoleArn));
      const deploy = policySize(stateFencePolicy(project, role.environment, target, 'deploy')) + assume;
      return Math.max(deploy, policySize(stateFencePolicy(project, role.environment, target, 'plan')));
    }),
  );
  if (largest <= IAM_INLINE_POLICIES_MAX_LENGTH) return [];
  const count = Object.keys(config.environments).length;
  return [
    problem(
      'ci.github',
      `${count} environments`,
      `each CI role's fence (an explicit deny of every other environment's state) would take ${largest} characters, over IAM's ${IAM_INLINE_POLICIES_MAX_LENGTH} for a role's inline policies: use shorter state keys or bucket name, or split the environments into projects`,
    ),
  ];
}
