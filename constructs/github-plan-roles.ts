import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import type { PolicyDocument } from '../naming/iam-policy';
import type { PlanRole } from '../naming/plan-roles';
import { fence } from './github-deploy-roles';

export interface GitHubPlanRolesProps {
  /** `owner/name` */
  readonly repository: string;
  /** Who may assume them (naming/plan-roles.ts): the repository's pull requests and default branch. */
  readonly trustPolicy: PolicyDocument;
  readonly roles: readonly PlanRole[];
  /** Each environment's plan policy ARN. */
  readonly planPolicyArns: ReadonlyMap<string, string>;
  /** Each environment's fence (naming/state-fence.ts, a plan role's). */
  readonly fences: ReadonlyMap<string, PolicyDocument>;
}

/**
 * A plan role per environment, for pull-request plans and the drift check: its plan policy (the
 * state read, the lock, never a state write), the read policies the configuration names, and its
 * fence. Unguarded like the other IAM (docs/iam.md): it follows the configuration, a lost one fails closed.
 */
export class GitHubPlanRoles extends Construct {
  /** By environment. */
  readonly roles: ReadonlyMap<string, IamRole>;
  readonly attachments: ReadonlyArray<IamRolePolicyAttachment | IamRolePolicy>;

  constructor(scope: Construct, id: string, props: GitHubPlanRolesProps) {
    super(scope, id);
    const roles = new Map<string, IamRole>();
    const attachments: Array<IamRolePolicyAttachment | IamRolePolicy> = [];
    for (const role of props.roles) {
      const planPolicyArn = props.planPolicyArns.get(role.environment);
      if (planPolicyArn === undefined) throw new Error(`GitHubPlanRoles: no plan policy for "${role.environment}"`);
      const iamRole = new IamRole(this, role.environment, {
        name: role.roleName,
        description: `GitHub Actions of ${props.repository} plan the ${role.environment} environment (pull requests, drift check): no state writes`,
        assumeRolePolicy: JSON.stringify(props.trustPolicy),
      });
      roles.set(role.environment, iamRole);
      const attached: Array<[string, string]> = [
        ['plan', planPolicyArn],
        ...role.planPolicyArns.map((arn): [string, string] => [arn, arn]),
      ];
      for (const [name, policyArn] of attached) {
        attachments.push(
          new IamRolePolicyAttachment(this, `${role.environment}-${name}`, { role: iamRole.name, policyArn }),
        );
      }
      attachments.push(fence(this, role.environment, iamRole, props.fences));
    }
    this.roles = roles;
    this.attachments = attachments;
  }
}
