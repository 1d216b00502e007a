import type { GitHubCiConfig } from '../config/types';
import { environmentNames, requireEnvironment } from './environments';
import { policyDocument, type PolicyDocument } from './iam-policy';
import type { ValidProject } from './project';

/**
 * CI deploy roles (`ci.github` in the configuration): one role per environment that only a deploy
 * job of the configured GitHub repository can assume, through GitHub Actions' OIDC tokens.
 * docs/iam.md. The plan roles, for pull requests and the drift check: plan-roles.ts.
 */

/** GitHub Actions' OIDC issuer; the IAM identity provider is named after it. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
/** The audience aws-actions/configure-aws-credentials asks GitHub to put in the token. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';
/** IAM role names: up to 64 characters. */
export const IAM_ROLE_NAME_MAX_LENGTH = 64;

export function deployRoleName(project: string, environment: string): string {
  return `${project}-deploy-${environment}`;
}

/** One environment's deploy role, as the configuration describes it. */
export interface DeployRole {
  readonly environment: string;
  readonly roleName: string;
  /** Its GitHub environment has required reviewers: the workflow deploys it after the unprotected ones. */
  readonly protected: boolean;
  /** Managed policies the role holds besides the environment's state policy. */
  readonly workloadPolicyArns: readonly string[];
  /**
   * The environment's deployRoleArn, which Terraform's provider assumes from this role's session:
   * the role may assume exactly that one (in another account, IAM requires the caller's own policy
   * to allow it, besides the target's trust). Undefined when the environment names none.
   */
  readonly providerRoleArn?: string;
}

/** The deploy roles, one per configured environment in its order; none without `ci.github`. */
export function deployRoles(project: ValidProject): DeployRole[] {
  const github = project.config.ci?.github;
  if (github === undefined) return [];
  const protectedEnvironments = new Set(github.protectedEnvironments ?? []);
  return environmentNames(project).map((environment) => ({
    environment,
    roleName: deployRoleName(project.config.project, environment),
    protected: protectedEnvironments.has(environment),
    workloadPolicyArns: Object.hasOwn(github.workloadPolicyArns ?? {}, environment)
      ? [...new Set(github.workloadPolicyArns?.[environment] ?? [])]
      : [],
    ...providerRole(project, environment),
  }));
}

function providerRole(project: ValidProject, environment: string): { providerRoleArn?: string } {
  const arn = requireEnvironment(project, environment).config.deployRoleArn;
  return arn === undefined ? {} : { providerRoleArn: arn };
}

/** The CI deploy role's own policy for the hop into the environment's deployRoleArn, and no other role. */
export function assumeProviderRolePolicy(providerRoleArn: string): PolicyDocument {
  return policyDocument([
    { Sid: 'AssumeEnvironmentDeployRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: providerRoleArn },
  ]);
}

/** The `sub` claim GitHub puts in the token of a job that runs in a GitHub environment. */
export function githubEnvironmentSubject(repository: string, environment: string): string {
  return `repo:${repository}:environment:${environment}`;
}

/**
 * Who may assume a deploy role: only a GitHub Actions job of `repository` that runs in the GitHub
 * environment named like the environment, whose rules (allowed branches, required reviewers)
 * GitHub enforces before it issues the token. Never a pull request, a branch or a tag as such: a
 * deploy job names its environment, nothing else needs the role. The audience is pinned so a token
 * minted for another service is refused.
 */
export function githubTrustPolicy(
  github: Pick<GitHubCiConfig, 'repository'>,
  role: Pick<DeployRole, 'environment'>,
  oidcProviderArn: string,
): PolicyDocument {
  return githubOidcTrustPolicy(
    'GitHubEnvironmentOfRepository',
    oidcProviderArn,
    githubEnvironmentSubject(github.repository, role.environment),
  );
}

/** A role trust for GitHub's OIDC tokens with exactly these `sub` claims, the audience pinned. */
export function githubOidcTrustPolicy(
  sid: string,
  oidcProviderArn: string,
  subjects: string | readonly string[],
): PolicyDocument {
  return policyDocument([
    {
      Sid: sid,
      Effect: 'Allow',
      Principal: { Federated: oidcProviderArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
          [`${GITHUB_OIDC_HOST}:sub`]: typeof subjects === 'string' ? subjects : [...subjects],
        },
      },
    },
  ]);
}
