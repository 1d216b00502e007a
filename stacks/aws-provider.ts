import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import { emulatorProviderSettings, type Emulator } from '../config/emulator';

export interface ProjectAwsProviderProps {
  readonly region: string;
  /** Tags on every resource the provider creates. */
  readonly tags: Readonly<Record<string, string>>;
  /** Terraform refuses to run with credentials of any other account. */
  readonly allowedAccountIds?: readonly string[];
  readonly emulator?: Emulator;
}

export function projectAwsProvider(scope: Construct, props: ProjectAwsProviderProps): AwsProvider {
  return new AwsProvider(scope, 'aws', {
    region: props.region,
    defaultTags: [{ tags: { ...props.tags } }],
    // An emulator has no real accounts (and account lookups are skipped there), so no account check.
    ...(props.emulator === undefined
      ? props.allowedAccountIds && { allowedAccountIds: [...props.allowedAccountIds] }
      : emulatorProviderSettings(props.emulator)),
  });
}
