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

/** Who may assume an environment's state role: the principals configured, and with `ci` its deploy role. */
export function stateRolePrincipals(project: ValidProject, environment: string): string[] {
  const { config } = project;
  const configured = requireEnvironment(project, environment).config.stateAccessPrincipals ?? [];
  const deployRole =
    config.ci?.github !== undefined && config.accountId !== undefined
      ? [
          arns.role(
            awsPartition(config.stateRegion).name,
            config.accountId,
            deployRoleName(config.project, environment),
          ),
        ]
      : [];
  return [...new Set([...configured, ...deployRole])];
}

/** The state role's trust policy: those principals, and nobody else. */
export function stateRoleTrustPolicy(principals: readonly string[]): PolicyDocument {
  return policyDocument([
    {
      Sid: 'NamedPrincipalsOnly',
      Effect: 'Allow',
      Principal: { AWS: principals.length === 1 ? (principals[0] ?? '') : [...principals] },
      Action: 'sts:AssumeRole',
    },
  ]);
}
