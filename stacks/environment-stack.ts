import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { BootstrapVersionCheck } from '../constructs/bootstrap-version-check';
import { backendSettings } from '../naming/backend-settings';
import { BOOTSTRAP_VERSION, bootstrapParameterName, bootstrapParameterPath } from '../naming/bootstrap-version';
import { requireEnvironment } from '../naming/environments';
import type { ValidProject } from '../naming/project';
import { environmentAccount, reachesStateThroughRole, stateRoleArn } from '../naming/state-roles';
import { projectAwsProvider, stateAccountProvider } from './aws-provider';
import { stateBackend } from './state-backend';
import { addWorkloads } from './workloads';

function optionalList(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : [value];
}

export interface EnvironmentStackProps {
  readonly project: ValidProject;
  readonly environment: string;
}

/** One environment: its state in the bootstrap's bucket, locked in its table, and its workloads. */
export class EnvironmentStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id);
    const { config } = props.project;
    const environment = requireEnvironment(props.project, props.environment).config;

    const settings = backendSettings(props.project, props.environment);
    stateBackend(this, settings);

    const provider = projectAwsProvider(this, {
      region: environment.region,
      tags: {
        ...config.tags,
        ...environment.tags,
        Project: config.project,
        Environment: props.environment,
        ManagedBy: 'cdktf',
      },
      // Only the environment's account (its own, or the state account), unless the configuration
      // names others; in another account, reached through its deploy role when one is named.
      allowedAccountIds:
        environment.allowedAccountIds ?? optionalList(environmentAccount(props.project, props.environment)),
      assumeRoleArn: environment.deployRoleArn,
    });
    const crossAccount = reachesStateThroughRole(props.project, props.environment);

    // Refuses to plan against a bootstrap older than this code or deployed without this environment.
    new BootstrapVersionCheck(this, 'bootstrap-version', {
      // Each provider configuration is one more plugin process in every plan (2-3 s of CPU): the
      // environment's own provider reads the record when it already is in the state region and account.
      provider:
        environment.region === config.stateRegion && !crossAccount
          ? provider
          : stateAccountProvider(
              this,
              config,
              crossAccount ? stateRoleArn(props.project, props.environment) : undefined,
            ),
      path: bootstrapParameterPath(config.project),
      name: bootstrapParameterName(config.project),
      requiredVersion: BOOTSTRAP_VERSION,
      environment: props.environment,
    });

    // Your infrastructure: the workloads the configuration names for this environment (workloads/).
    addWorkloads(this, { project: props.project, environment: props.environment });

    new TerraformOutput(this, 'state_key', { value: settings.key });
  }
}
