import { deployRoleName } from './deploy-roles';
import { environmentNames, requireEnvironment } from './environments';
import { arns, awsPartition, policyDocument, type PolicyDocument } from './iam-policy';
import type { ValidProject } from './project';

/**
 * Environments in accounts of their own (docs/multi-account.md). The state stays in the state
 * account (`accountId`); such an environment's Terraform reaches it through a role there, created by
 * the bootstrap and holding that environment's state policy. Everything here is derived, so the
 * bootstrap (which creates the role) and the environment (whose backend assumes it) agree.
 */

/** The account of an environment's resources: its own `accountId`, or the state account. */
export function environmentAccount(project: ValidProject, environment: string): string | undefined {
  return requireEnvironment(project, environment).config.accountId ?? project.config.accountId;
}

/** Whether an environment lives outside the state account, and so reaches its state through a role. */
export function reachesStateThroughRole(project: ValidProject, environment: string): boolean {
  const account = requireEnvironment(project, environment).config.accountId;
  return account !== undefined && account !== project.config.accountId;
}

/** The environments that do, in the configuration's order. */
export function crossAccountEnvironments(project: ValidProject): string[] {
  return environmentNames(project).filter((environment) => reachesStateThroughRole(project, environment));
}

export function stateRoleName(project: string, environment: string): string {
  return `${project}-tfstate-${environment}`;
}

/** The ARN of an environment's state role, in the state account. */
export function stateRoleArn(project: ValidProject, environment: string): string {
  const { config } = project;
  if (config.accountId === undefined) throw new Error('stateRoleArn: the state account (accountId) is not set');
  return arns.role(awsPartition(config.stateRegion).name, config.accountId, stateRoleName(config.project, environment));
}

/** The principals the configuration names for an environment's state role (whoever runs its Terraform). */
export function configuredStatePrincipals(project: ValidProject, environment: string): string[] {
  return [...(requireEnvironment(project, environment).config.stateAccessPrincipals ?? [])];
}

/**
 * Who may assume an environment's state role: the principals configured, and with `ci` its CI deploy
 * role. The bootstrap passes that role's ARN as a reference to the role it creates (so the trust is
 * written after the role exists: IAM refuses a trust naming a principal that does not exist yet);
 * anything else may pass `ciDeployRoleArn(project, environment)`.
 */
export function stateRolePrincipals(
  project: ValidProject,
  environment: string,
  ciDeployRole: string | undefined,
): string[] {
  if ((project.config.ci?.github === undefined) !== (ciDeployRole === undefined)) {
    throw new Error('stateRolePrincipals: the CI deploy role is needed exactly when ci is configured');
  }
  if (ciDeployRole === undefined) return [...new Set(configuredStatePrincipals(project, environment))];
  // The CI deploy role named by hand too would be a plain ARN again, racing the role's creation.
  const byHand = ciDeployRoleArn(project, environment);
  const configured = configuredStatePrincipals(project, environment).filter((principal) => principal !== byHand);
  return [...new Set([...configured, ciDeployRole])];
}

/** The ARN of an environment's CI deploy role (ci.github), in the state account. */
export function ciDeployRoleArn(project: ValidProject, environment: string): string {
  const { config } = project;
  if (config.accountId === undefined) throw new Error('ciDeployRoleArn: the state account (accountId) is not set');
  return arns.role(
    awsPartition(config.stateRegion).name,
    config.accountId,
    deployRoleName(config.project, environment),
  );
}

/** A trust policy admitting `principals` to sts:AssumeRole, and nobody else. */
export function namedPrincipalsTrustPolicy(principals: readonly string[]): PolicyDocument {
  return policyDocument([
    {
      Sid: 'NamedPrincipalsOnly',
      Effect: 'Allow',
      Principal: { AWS: principals.length === 1 ? (principals[0] ?? '') : [...principals] },
      Action: 'sts:AssumeRole',
    },
  ]);
}

/** The state role's trust policy: those principals, and nobody else. */
export function stateRoleTrustPolicy(principals: readonly string[]): PolicyDocument {
  return namedPrincipalsTrustPolicy(principals);
}

/**
 * The trust policy an environment's deployRoleArn must carry, in the environment's account: the
 * project cannot create it (the bootstrap runs in the state account). It admits exactly who runs
 * Terraform for the environment, as its state role does, and with `ci` the CI deploy role.
 * docs/multi-account.md prints it; `npm run preflight` proves it by assuming the role.
 */
export function environmentDeployRoleTrustPolicy(project: ValidProject, environment: string): PolicyDocument {
  const ci = project.config.ci?.github !== undefined ? ciDeployRoleArn(project, environment) : undefined;
  const principals = stateRolePrincipals(project, environment, ci);
  if (principals.length === 0) {
    throw new Error(`environmentDeployRoleTrustPolicy: nobody runs Terraform for "${environment}" through a role`);
  }
  return namedPrincipalsTrustPolicy(principals);
}

/**
 * The identity policy whoever runs Terraform for an environment needs for its hops (docs/multi-account.md):
 * sts:AssumeRole on the environment's state role (when it has one) and on its deployRoleArn (when it
 * names one). Across accounts IAM requires it besides the target's trust; in the same account a trust
 * naming the caller is enough, and the statement is harmless. Undefined when there is no hop.
 */
export function runnerAssumePolicy(project: ValidProject, environment: string): PolicyDocument | undefined {
  const deployRoleArn = requireEnvironment(project, environment).config.deployRoleArn;
  const roles = [
    ...(reachesStateThroughRole(project, environment) ? [stateRoleArn(project, environment)] : []),
    ...(deployRoleArn === undefined ? [] : [deployRoleArn]),
  ];
  if (roles.length === 0) return undefined;
  return policyDocument([
    {
      Sid: 'AssumeTerraformRoles',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: roles.length === 1 ? (roles[0] ?? '') : roles,
    },
  ]);
}
