import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct } from 'constructs';
import type { PolicyDocument } from '../naming/iam-policy';

export interface StateAccessPoliciesProps {
  /** One managed policy per environment: its name and document (naming/state-access-policy.ts). */
  readonly policies: ReadonlyArray<{
    readonly environment: string;
    readonly name: string;
    readonly document: PolicyDocument;
  }>;
  /** Each policy's description, by environment; default: a state policy's. */
  readonly describe?: (environment: string) => string;
}

/**
 * An IAM managed policy per environment granting what its Terraform backend needs, and nothing of
 * another environment's. Attach it to the people and roles that deploy that environment (docs/iam.md).
 * No prevent_destroy: a policy follows the configuration (an environment removed, its access goes
 * with it), losing one weakens nothing, and the next bootstrap deploy restores it under the same ARN.
 */
export class StateAccessPolicies extends Construct {
  /** By environment. */
  readonly policies: ReadonlyMap<string, IamPolicy>;

  constructor(scope: Construct, id: string, props: StateAccessPoliciesProps) {
    super(scope, id);
    this.policies = new Map(
      props.policies.map(({ environment, name, document }) => [
        environment,
        new IamPolicy(this, environment, {
          name,
          description:
            props.describe?.(environment) ??
            `Terraform state of the ${environment} environment: read, write, lock (and nothing of other environments)`,
          policy: JSON.stringify(document),
        }),
      ]),
    );
  }
}
