import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { PrivateBucket } from '../constructs/private-bucket';
import { backendSettings } from '../naming/backend-settings';
import { requireEnvironment } from '../naming/environments';
import { applicationBucketPrefix } from '../naming/names';
import type { ValidProject } from '../naming/project';
import { projectAwsProvider } from './aws-provider';

export interface EnvironmentStackProps {
  readonly project: ValidProject;
  readonly environment: string;
}

/** One environment: its state in the bootstrap's bucket, locked in its table, and a small workload. */
export class EnvironmentStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id);
    const { config } = props.project;
    const environment = requireEnvironment(props.project, props.environment).config;

    const settings = backendSettings(props.project, props.environment);
    const backend = new S3Backend(this, {
      bucket: settings.bucket,
      key: settings.key,
      region: settings.region,
      encrypt: settings.encrypt,
      kmsKeyId: settings.kms_key_id,
      dynamodbTable: settings.dynamodb_table,
    });
    // cdktf 0.21's S3BackendConfig has no useLockfile.
    if (settings.use_lockfile) backend.addOverride('use_lockfile', true);

    projectAwsProvider(this, {
      region: environment.region,
      tags: {
        ...config.tags,
        ...environment.tags,
        Project: config.project,
        Environment: props.environment,
        ManagedBy: 'cdktf',
      },
      allowedAccountIds: environment.allowedAccountIds,
    });

    // The workload: cheap, real, and enough for a deploy to write state.
    const app = new PrivateBucket(this, 'app-bucket', {
      bucketPrefix: applicationBucketPrefix(config.project, props.environment),
      preventDestroy: false,
    });

    new TerraformOutput(this, 'app_bucket', { value: app.bucket.bucket });
    new TerraformOutput(this, 'state_key', { value: settings.key });
  }
}
