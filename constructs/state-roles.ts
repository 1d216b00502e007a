import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import type { PolicyDocument } from '../naming/iam-policy';

export interface StateRolesProps {
  /** One role per environment in another account: its name, who may assume it, and its state policy. */
  readonly roles: ReadonlyArray<{
    readonly environment: string;
    readonly name: string;
    readonly trustPolicy: PolicyDocument;
    readonly statePolicyArn: string;
  }>;
}

/**
 * In the state account, a role per environment that lives in an account of its own: its backend
 * (and its plan-time version check) assume it, and it holds exactly that environment's state
 * policy (docs/multi-account.md). Unguarded like the other IAM (docs/iam.md): it follows the
 * configuration, and a lost one fails closed.
 */
export class StateRoles extends Construct {
  /** By environment. */
  readonly roles: ReadonlyMap<string, IamRole>;
  readonly attachments: readonly IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: StateRolesProps) {
    super(scope, id);
    const roles = new Map<string, IamRole>();
    const attachments: IamRolePolicyAttachment[] = [];
    for (const role of props.roles) {
      const iamRole = new IamRole(this, role.environment, {
        name: role.name,
        description: `Terraform state of the ${role.environment} environment, for its runs in its own account`,
        assumeRolePolicy: JSON.stringify(role.trustPolicy),
      });
      roles.set(role.environment, iamRole);
      attachments.push(
        new IamRolePolicyAttachment(this, `${role.environment}-state`, {
          role: iamRole.name,
          policyArn: role.statePolicyArn,
        }),
      );
    }
    this.roles = roles;
    this.attachments = attachments;
  }
}
