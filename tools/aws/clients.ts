import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { EMULATOR_CREDENTIALS, emulatorFromEnv, type Emulator } from '../../app/emulator-endpoint';

export interface AwsClients {
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  /** Parameter Store, where the bootstrap record lives. */
  readonly ssm: SSMClient;
  /** Set when the clients talk to an emulator (AWS_ENDPOINT_URL). */
  readonly emulator?: Emulator;
}

/**
 * SDK v3 clients for the state region, aimed where the stacks are aimed: AWS with the default
 * credential chain, or the emulator from AWS_ENDPOINT_URL with the same dummy credentials and
 * path-style S3 the synthesized backends use.
 */
export function awsClients(region: string, env: NodeJS.ProcessEnv = process.env): AwsClients {
  // The SDK's multi-line "node >=22 from 2027" notice would bury the tools' one-line messages; this
  // project supports node 20 and pins the SDK version (package.json). A user's own setting wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const emulator = emulatorFromEnv(env);
  const common = {
    region,
    // Fail fast instead of retrying for a minute against an unreachable endpoint.
    maxAttempts: 3,
    ...(emulator && {
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: EMULATOR_CREDENTIALS.accessKey, secretAccessKey: EMULATOR_CREDENTIALS.secretKey },
    }),
  };
  return {
    s3: new S3Client({ ...common, forcePathStyle: emulator !== undefined }),
    dynamodb: new DynamoDBClient(common),
    ssm: new SSMClient(common),
    emulator,
  };
}
