import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import type { ValidConfig } from '../config/validate';

export interface ProjectAwsProviderProps {
  readonly region: string;
  /** Tags on every resource the provider creates. */
  readonly tags: Readonly<Record<string, string>>;
  /** Terraform refuses to run with credentials of any other account. */
  readonly allowedAccountIds?: readonly string[];
  /** A role Terraform assumes for everything this provider does. */
  readonly assumeRoleArn?: string;
  /** A second provider of the stack (another region), used by name: `replica`. */
  readonly alias?: string;
}

export function projectAwsProvider(scope: Construct, props: ProjectAwsProviderProps): AwsProvider {
  return new AwsProvider(scope, props.alias ?? 'aws', {
    ...(props.alias !== undefined && { alias: props.alias }),
    region: props.region,
    defaultTags: [{ tags: { ...props.tags } }],
    ...(props.allowedAccountIds && { allowedAccountIds: [...props.allowedAccountIds] }),
    ...(props.assumeRoleArn !== undefined && { assumeRole: [{ roleArn: props.assumeRoleArn }] }),
  });
}

/**
 * A second provider, aliased `state`, for what an environment reads next to its state: the
 * bootstrap record, in the state region and account (through the environment's state role when
 * the environment is in another account, the same role its backend assumes).
 */
export function stateAccountProvider(scope: Construct, config: ValidConfig, stateRoleArn?: string): AwsProvider {
  return new AwsProvider(scope, 'state', {
    alias: 'state',
    region: config.stateRegion,
    ...(config.accountId !== undefined && { allowedAccountIds: [config.accountId] }),
    ...(stateRoleArn !== undefined && { assumeRole: [{ roleArn: stateRoleArn }] }),
  });
}
