import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { EMULATOR_CREDENTIALS, emulatorFromEnv, type Emulator } from '../../app/emulator-endpoint';
import type { ValidProject } from '../../naming/project';

export interface AwsClients {
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  /** Parameter Store, where the bootstrap record lives. */
  readonly ssm: SSMClient;
  /** Set when the clients talk to an emulator (AWS_ENDPOINT_URL). */
  readonly emulator?: Emulator;
}

/** What the SDK's clients accept as credentials. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export interface AwsClientsOptions {
  /** Work as this role (the way an environment's backend reaches the state from another account). */
  readonly roleArn?: string;
}

/** Credentials of `roleArn`, assumed once with the clients' own credentials and kept until they expire. */
function assumedRole(
  roleArn: string,
  config: { region: string; maxAttempts: number; endpoint?: string; credentials?: Credentials },
): () => Promise<Credentials> {
  let current: Promise<Credentials> | undefined;
  const assume = async (): Promise<Credentials> => {
    const { Credentials } = await new STSClient(config).send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'tfstate-tools' }),
    );
    if (Credentials?.AccessKeyId === undefined || Credentials.SecretAccessKey === undefined) {
      throw new Error(`sts:AssumeRole of ${roleArn} returned no credentials`);
    }
    return {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
      expiration: Credentials.Expiration,
    };
  };
  return async () => {
    const credentials = await (current ??= assume());
    if (credentials.expiration !== undefined && credentials.expiration.getTime() < Date.now() + 60_000) {
      current = assume();
      return current;
    }
    return credentials;
  };
}

/** What every SDK client of the tools is configured with: the region, few attempts, and the emulator's endpoint and credentials. */
export interface AwsClientSettings {
  readonly region: string;
  readonly maxAttempts: number;
  readonly endpoint?: string;
  readonly credentials?: Credentials;
  /** Set when the clients talk to an emulator (AWS_ENDPOINT_URL). */
  readonly emulator?: Emulator;
}

/**
 * The settings for any SDK v3 client aimed where the stacks are aimed: AWS with the default
 * credential chain, or the emulator from AWS_ENDPOINT_URL with the dummy credentials the
 * synthesized providers use. Pass them to a client without `emulator`.
 */
export function awsClientSettings(region: string, env: NodeJS.ProcessEnv = process.env): AwsClientSettings {
  // The SDK's multi-line "node >=22 from 2027" notice would bury the tools' one-line messages; this
  // project supports node 20 and pins the SDK version (package.json). A user's own setting wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const emulator = emulatorFromEnv(env);
  return {
    region,
    // Fail fast instead of retrying for a minute against an unreachable endpoint.
    maxAttempts: 3,
    ...(emulator && {
      emulator,
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: EMULATOR_CREDENTIALS.accessKey, secretAccessKey: EMULATOR_CREDENTIALS.secretKey },
    }),
  };
}

/**
 * SDK v3 clients for the state region, aimed where the stacks are aimed: AWS with the default
 * credential chain, or the emulator from AWS_ENDPOINT_URL with the same dummy credentials and
 * path-style S3 the synthesized backends use; optionally as a role those credentials assume.
 */
export function awsClients(
  region: string,
  env: NodeJS.ProcessEnv = process.env,
  options: AwsClientsOptions = {},
): AwsClients {
  const { emulator, ...common } = awsClientSettings(region, env);
  const clientConfig =
    options.roleArn === undefined ? common : { ...common, credentials: assumedRole(options.roleArn, common) };
  return {
    s3: new S3Client({ ...clientConfig, forcePathStyle: emulator !== undefined }),
    dynamodb: new DynamoDBClient(clientConfig),
    ssm: new SSMClient(clientConfig),
    emulator,
  };
}

/** Clients for the state storage: in the state region, as the bootstrap's deploy role when one is configured. */
export function stateAccountClients(project: ValidProject, env: NodeJS.ProcessEnv = process.env): AwsClients {
  const { stateRegion, deployRoleArn } = project.config;
  return awsClients(stateRegion, env, deployRoleArn === undefined ? {} : { roleArn: deployRoleArn });
}
