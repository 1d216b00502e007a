import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';

export interface ProjectAwsProviderProps {
  readonly region: string;
  /** Tags on every resource the provider creates. */
  readonly tags: Readonly<Record<string, string>>;
  /** Terraform refuses to run with credentials of any other account. */
  readonly allowedAccountIds?: readonly string[];
}

export function projectAwsProvider(scope: Construct, props: ProjectAwsProviderProps): AwsProvider {
  return new AwsProvider(scope, 'aws', {
    region: props.region,
    defaultTags: [{ tags: { ...props.tags } }],
    ...(props.allowedAccountIds && { allowedAccountIds: [...props.allowedAccountIds] }),
  });
}
