import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import type { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { TerraformOutput, type TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { GitHubDeployRoles } from '../constructs/github-deploy-roles';
import { GitHubPlanRoles } from '../constructs/github-plan-roles';
import { StateAccessPolicies } from '../constructs/state-access-policies';
import { StateRoles } from '../constructs/state-roles';
import { deployRoles } from '../naming/deploy-roles';
import { environmentNames } from '../naming/environments';
import { githubPlanTrustPolicy, planAccessPolicy, planRoles } from '../naming/plan-roles';
import type { ValidProject } from '../naming/project';
import { stateAccessPolicy, stateAccessPolicyName } from '../naming/state-access-policy';
import { stateFencePolicy, type CiRoleKind } from '../naming/state-fence';
import {
  crossAccountEnvironments,
  stateRoleName,
  stateRolePrincipals,
  stateRoleTrustPolicy,
} from '../naming/state-roles';

export interface StateAccessProps {
  /** The customer-managed state key's ARN, when there is one. */
  readonly stateKeyArn?: string;
}

export interface StateAccess {
  /** Each environment's state policy, for whatever else must hold it (e.g. a cross-account state role). */
  readonly policies: ReadonlyMap<string, IamPolicy>;
  /** Everything it creates, so the bootstrap record can be written after it. */
  readonly resources: readonly TerraformResource[];
}

/**
 * The bootstrap's access block: a least-privilege state policy per environment, with `ci` the
 * GitHub deploy roles that hold them and a plan role per environment, each fenced to its
 * environment (docs/iam.md), and for each environment in another account a state role holding its
 * policy (docs/multi-account.md); their ARNs as outputs.
 */
export function addStateAccess(scope: Construct, project: ValidProject, props: StateAccessProps): StateAccess {
  const { config } = project;
  // The state account: the one configured, or (with only an explicit bucket name) the one deployed to.
  const accountId = config.accountId ?? new DataAwsCallerIdentity(scope, 'state-account').accountId;
  const policies = new StateAccessPolicies(scope, 'state-access', {
    policies: environmentNames(project).map((environment) => ({
      environment,
      name: stateAccessPolicyName(config.project, environment),
      document: stateAccessPolicy(project, environment, { accountId, stateKeyArn: props.stateKeyArn }),
    })),
  });
  new TerraformOutput(scope, 'state_access_policies', {
    description: "Each environment's least-privilege state policy (ARN): attach it to whoever deploys that environment",
    value: Object.fromEntries([...policies.policies].map(([environment, policy]) => [environment, policy.arn])),
  });
  const resources: TerraformResource[] = [...policies.policies.values()];

  const github = config.ci?.github;
  let ciRoles: ReadonlyMap<string, { readonly arn: string }> = new Map();
  if (github !== undefined) {
    const target = { accountId, stateKeyArn: props.stateKeyArn };
    const fences = (kind: CiRoleKind) =>
      new Map(
        environmentNames(project).map((environment) => [
          environment,
          stateFencePolicy(project, environment, target, kind),
        ]),
      );
    const ci = new GitHubDeployRoles(scope, 'github-deploy', {
      repository: github.repository,
      oidcProviderArn: github.oidcProviderArn,
      roles: deployRoles(project),
      statePolicyArns: new Map([...policies.policies].map(([environment, policy]) => [environment, policy.arn])),
      fences: fences('deploy'),
    });
    new TerraformOutput(scope, 'deploy_roles', {
      description: `Each environment's deploy role (ARN), for aws-actions/configure-aws-credentials in ${github.repository}`,
      value: Object.fromEntries([...ci.roles].map(([environment, role]) => [environment, role.arn])),
    });
    new TerraformOutput(scope, 'github_oidc_provider', { value: ci.providerArn });
    resources.push(...(ci.provider ? [ci.provider] : []), ...ci.roles.values(), ...ci.attachments);
    ciRoles = ci.roles;

    // Pull requests and the drift check plan with these: the state read and the lock, never a write.
    const roles = planRoles(project);
    if (roles.length > 0) {
      const planPolicies = new StateAccessPolicies(scope, 'plan-access', {
        policies: roles.map((role) => ({
          environment: role.environment,
          name: role.policyName,
          document: planAccessPolicy(project, role.environment, target),
        })),
        describe: (environment) =>
          `Terraform plans of the ${environment} environment: read its state, take and release its lock; never write it`,
      });
      const plan = new GitHubPlanRoles(scope, 'github-plan', {
        repository: github.repository,
        trustPolicy: githubPlanTrustPolicy(github, ci.providerArn),
        roles,
        planPolicyArns: new Map([...planPolicies.policies].map(([environment, policy]) => [environment, policy.arn])),
        fences: fences('plan'),
      });
      new TerraformOutput(scope, 'plan_roles', {
        description: `Each environment's plan role (ARN), for pull requests and the drift check in ${github.repository}`,
        value: Object.fromEntries([...plan.roles].map(([environment, role]) => [environment, role.arn])),
      });
      resources.push(...planPolicies.policies.values(), ...plan.roles.values(), ...plan.attachments);
    }
  }
  const crossAccount = crossAccountEnvironments(project);
  if (crossAccount.length > 0) {
    const stateRoles = new StateRoles(scope, 'state-roles', {
      roles: crossAccount.map((environment) => {
        const policy = policies.policies.get(environment);
        if (policy === undefined) throw new Error(`addStateAccess: no state policy for "${environment}"`);
        return {
          environment,
          name: stateRoleName(config.project, environment),
          // The CI deploy role by reference: its trust is written once the role exists (IAM refuses
          // a trust naming a principal that does not), never racing it.
          trustPolicy: stateRoleTrustPolicy(stateRolePrincipals(project, environment, ciRoles.get(environment)?.arn)),
          statePolicyArn: policy.arn,
        };
      }),
    });
    new TerraformOutput(scope, 'state_roles', {
      description: 'The state role (ARN) each environment in another account assumes for its state',
      value: Object.fromEntries([...stateRoles.roles].map(([environment, role]) => [environment, role.arn])),
    });
    resources.push(...stateRoles.roles.values(), ...stateRoles.attachments);
  }
  return { policies: policies.policies, resources };
}
