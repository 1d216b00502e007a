import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import type { PolicyDocument } from '../naming/iam-policy';
import { STATE_FENCE_POLICY_NAME } from '../naming/state-fence';
import {
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_URL,
  assumeProviderRolePolicy,
  githubTrustPolicy,
  type DeployRole,
} from '../naming/deploy-roles';

export interface GitHubDeployRolesProps {
  /** `owner/name` */
  readonly repository: string;
  /** The account's existing GitHub OIDC provider; without it, this construct creates one. */
  readonly oidcProviderArn?: string;
  readonly roles: readonly DeployRole[];
  /** Each environment's state policy ARN (StateAccessPolicies). */
  readonly statePolicyArns: ReadonlyMap<string, string>;
  /** Each environment's fence (naming/state-fence.ts), written as an inline policy of its role. */
  readonly fences: ReadonlyMap<string, PolicyDocument>;
}

/**
 * The GitHub Actions OIDC identity provider (or the account's existing one) and a role per
 * environment that only the repository can assume, holding the environment's state policy and the
 * workload policies the configuration names.
 * No prevent_destroy, like the state policies: they follow the configuration, a lost one fails
 * closed (a deploy is refused, nothing is exposed), and the next bootstrap deploy recreates it.
 */
export class GitHubDeployRoles extends Construct {
  /** Set when this construct created the provider. */
  readonly provider?: IamOpenidConnectProvider;
  readonly providerArn: string;
  /** By environment. */
  readonly roles: ReadonlyMap<string, IamRole>;
  /** Every attachment and inline policy, for what must wait until the roles hold their policies. */
  readonly attachments: ReadonlyArray<IamRolePolicyAttachment | IamRolePolicy>;

  constructor(scope: Construct, id: string, props: GitHubDeployRolesProps) {
    super(scope, id);
    if (props.oidcProviderArn !== undefined) {
      this.providerArn = props.oidcProviderArn;
    } else {
      // No thumbprint_list: AWS verifies GitHub's certificate through its own trusted CAs.
      this.provider = new IamOpenidConnectProvider(this, 'github', {
        url: GITHUB_OIDC_URL,
        clientIdList: [GITHUB_OIDC_AUDIENCE],
      });
      this.providerArn = this.provider.arn;
    }

    const roles = new Map<string, IamRole>();
    const attachments: Array<IamRolePolicyAttachment | IamRolePolicy> = [];
    for (const role of props.roles) {
      const statePolicyArn = props.statePolicyArns.get(role.environment);
      if (statePolicyArn === undefined) throw new Error(`GitHubDeployRoles: no state policy for "${role.environment}"`);
      const iamRole = new IamRole(this, role.environment, {
        name: role.roleName,
        description: `GitHub Actions of ${props.repository} deploy the ${role.environment} environment (from its GitHub environment only)`,
        assumeRolePolicy: JSON.stringify(githubTrustPolicy(props, role, this.providerArn)),
      });
      roles.set(role.environment, iamRole);
      // Named by what they attach, so reordering the list in the configuration changes nothing.
      const attached: Array<[string, string]> = [
        ['state', statePolicyArn],
        ...role.workloadPolicyArns.map((arn): [string, string] => [arn, arn]),
      ];
      for (const [name, policyArn] of attached) {
        attachments.push(
          new IamRolePolicyAttachment(this, `${role.environment}-${name}`, { role: iamRole.name, policyArn }),
        );
      }
      attachments.push(fence(this, role.environment, iamRole, props.fences));
      // The hop into the environment's deployRoleArn (Terraform's provider): across accounts, IAM
      // wants the caller's own policy to allow it as well as the target's trust (docs/multi-account.md).
      if (role.providerRoleArn !== undefined) {
        attachments.push(
          new IamRolePolicy(this, `${role.environment}-assume-deploy-role`, {
            role: iamRole.name,
            name: 'assume-environment-deploy-role',
            policy: JSON.stringify(assumeProviderRolePolicy(role.providerRoleArn)),
          }),
        );
      }
    }
    this.roles = roles;
    this.attachments = attachments;
  }
}

/** A role's fence: an inline policy of explicit denies (naming/state-fence.ts). */
export function fence(
  scope: Construct,
  environment: string,
  role: IamRole,
  fences: ReadonlyMap<string, PolicyDocument>,
): IamRolePolicy {
  const document = fences.get(environment);
  if (document === undefined) throw new Error(`no state fence for "${environment}"`);
  return new IamRolePolicy(scope, `${environment}-fence`, {
    role: role.name,
    name: STATE_FENCE_POLICY_NAME,
    policy: JSON.stringify(document),
  });
}
