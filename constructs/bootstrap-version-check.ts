import { DataAwsSsmParametersByPath } from '@cdktf/provider-aws/lib/data-aws-ssm-parameters-by-path';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

export interface BootstrapVersionCheckProps {
  /** The provider for the state region (and account). */
  readonly provider: AwsProvider;
  /** SSM path of the project's bootstrap parameters, e.g. `/tfstate-bootstrap/acme`. */
  readonly path: string;
  /** The parameter holding the record, under `path`. */
  readonly name: string;
  readonly requiredVersion: number;
  readonly environment: string;
}

/** Terraform's quoting of a string inside an expression. */
function quoted(text: string): string {
  return JSON.stringify(text);
}

/**
 * Fails the environment's plan, before anything changes, unless the bootstrap record says a
 * version at least `requiredVersion` deployed for this environment. The message says which of
 * the three it is and what to do. Read by path, so a missing record is an answer, not an AWS error.
 */
export class BootstrapVersionCheck extends Construct {
  readonly record: DataAwsSsmParametersByPath;

  constructor(scope: Construct, id: string, props: BootstrapVersionCheckProps) {
    super(scope, id);
    const { environment, requiredVersion } = props;
    // The record's JSON, or null when there is none. `values` is sensitive in the provider's schema
    // (it may hold SecureStrings); this record is plain configuration.
    const raw = `lookup(zipmap(self.names, nonsensitive(self.values)), ${quoted(props.name)}, null)`;
    const record = `try(jsondecode(${raw}), null)`;
    const needs = `environment ${quoted(environment)} needs bootstrap version ${requiredVersion} for this project`;
    const todo = 'run npx cdktf deploy bootstrap';
    const found = [
      `${raw} == null ? ${quoted(`${needs}, found none (no parameter ${props.name}): ${todo}`)}`,
      `try(${record}.version, null) == null ? ${quoted(`${needs}, found an unreadable record in ${props.name}: ${todo}`)}`,
      `${record}.version < ${requiredVersion} ? format(${quoted(`${needs}, found %v: ${todo}`)}, ${record}.version)`,
      `format(${quoted(`${needs}, found %v, but ${quoted(environment)} is not in it: ${todo}`)}, ${record}.version)`,
    ].join(' : ');
    this.record = new DataAwsSsmParametersByPath(this, 'record', {
      provider: props.provider,
      path: props.path,
      lifecycle: {
        postcondition: [
          {
            condition: `\${try(${record}.version >= ${requiredVersion} && contains(${record}.environments, ${quoted(environment)}), false)}`,
            errorMessage: `\${${found}}`,
          },
        ],
      },
    });
  }
}
