import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  GetOpenIDConnectProviderCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsClientSettings, type AwsClientSettings, type Credentials } from '../aws/clients';
import { awsErrorName } from '../aws/errors';

/**
 * One set of AWS credentials, as preflight uses them: who they are, the roles they can assume, and
 * the few reads each check makes. Every method sends at most one request and writes nothing; AWS
 * failures are thrown as the SDK throws them (classified in checks.ts). Tests use an in-memory fake,
 * or this implementation over SDK clients whose HTTP handler is replaced (the edge).
 */
export interface AwsSession {
  /** sts:GetCallerIdentity: needs no permission. */
  whoAmI(): Promise<{ readonly account: string; readonly arn: string }>;
  /** A real sts:AssumeRole with these credentials: the session of that role. */
  assumeRole(roleArn: string): Promise<AwsSession>;
  /** iam:GetRole, GetUser, GetOpenIDConnectProvider, GetPolicy: false when IAM says there is none. */
  roleExists(name: string): Promise<boolean>;
  userExists(name: string): Promise<boolean>;
  oidcProviderExists(arn: string): Promise<boolean>;
  policyExists(arn: string): Promise<boolean>;
  /** ListObjectsV2 of the bucket with the state key as prefix: the request a state policy allows. */
  listStateKey(bucket: string, key: string): Promise<void>;
  /** GetItem of one item of the lock table (the digest): the request a state policy allows. */
  readItem(table: string, lockId: string): Promise<void>;
  /** ssm:GetParametersByPath: name to value. */
  parametersByPath(path: string): Promise<Readonly<Record<string, string>>>;
}

/** The SDK clients a session sends its requests with; tests build them with a fake request handler. */
export interface SessionClients {
  readonly sts: STSClient;
  readonly iam: IAMClient;
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  readonly ssm: SSMClient;
}

/** Client settings without the emulator marker, as a client's constructor takes them. */
export type ClientConfig = Omit<AwsClientSettings, 'emulator'> & { readonly forcePathStyle?: boolean };

export function sessionClients(config: ClientConfig): SessionClients {
  const { forcePathStyle, ...common } = config;
  return {
    sts: new STSClient(common),
    iam: new IAMClient(common),
    s3: new S3Client({ ...common, forcePathStyle: forcePathStyle ?? false }),
    dynamodb: new DynamoDBClient(common),
    ssm: new SSMClient(common),
  };
}

async function exists(request: Promise<unknown>, missing: readonly string[]): Promise<boolean> {
  try {
    await request;
    return true;
  } catch (error) {
    if (missing.includes(awsErrorName(error) ?? '')) return false;
    throw error;
  }
}

/** An AwsSession over SDK clients; `clientsFor` builds the clients of an assumed role's session. */
export class SdkSession implements AwsSession {
  constructor(
    private readonly clients: SessionClients,
    private readonly clientsFor: (credentials: Credentials) => SessionClients,
  ) {}

  async whoAmI(): Promise<{ account: string; arn: string }> {
    const { Account, Arn } = await this.clients.sts.send(new GetCallerIdentityCommand({}));
    return { account: Account ?? '', arn: Arn ?? '' };
  }

  async assumeRole(roleArn: string): Promise<AwsSession> {
    // The shortest session STS grants: preflight only looks.
    const { Credentials: credentials } = await this.clients.sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'tfstate-preflight', DurationSeconds: 900 }),
    );
    if (credentials?.AccessKeyId === undefined || credentials.SecretAccessKey === undefined) {
      throw new Error(`sts:AssumeRole of ${roleArn} returned no credentials`);
    }
    return new SdkSession(
      this.clientsFor({
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        sessionToken: credentials.SessionToken,
      }),
      this.clientsFor,
    );
  }

  roleExists(name: string): Promise<boolean> {
    return exists(this.clients.iam.send(new GetRoleCommand({ RoleName: name })), [
      'NoSuchEntityException',
      'NoSuchEntity',
    ]);
  }

  userExists(name: string): Promise<boolean> {
    return exists(this.clients.iam.send(new GetUserCommand({ UserName: name })), [
      'NoSuchEntityException',
      'NoSuchEntity',
    ]);
  }

  oidcProviderExists(arn: string): Promise<boolean> {
    return exists(this.clients.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })), [
      'NoSuchEntityException',
      'NoSuchEntity',
    ]);
  }

  policyExists(arn: string): Promise<boolean> {
    return exists(this.clients.iam.send(new GetPolicyCommand({ PolicyArn: arn })), [
      'NoSuchEntityException',
      'NoSuchEntity',
    ]);
  }

  async listStateKey(bucket: string, key: string): Promise<void> {
    await this.clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 }));
  }

  async readItem(table: string, lockId: string): Promise<void> {
    await this.clients.dynamodb.send(new GetItemCommand({ TableName: table, Key: { LockID: { S: lockId } } }));
  }

  async parametersByPath(path: string): Promise<Record<string, string>> {
    const found: Record<string, string> = {};
    let token: string | undefined;
    do {
      const page = await this.clients.ssm.send(new GetParametersByPathCommand({ Path: path, NextToken: token }));
      for (const parameter of page.Parameters ?? []) {
        if (parameter.Name !== undefined) found[parameter.Name] = parameter.Value ?? '';
      }
      token = page.NextToken;
    } while (token !== undefined);
    return found;
  }
}

/**
 * The caller's session: the default credential chain in `region` (or the emulator from
 * AWS_ENDPOINT_URL, with its dummy credentials and path-style S3, like the stacks).
 */
export function callerSession(region: string, env: NodeJS.ProcessEnv = process.env): AwsSession {
  const { emulator, ...settings } = awsClientSettings(region, env);
  const base: ClientConfig = { ...settings, forcePathStyle: emulator !== undefined };
  return new SdkSession(sessionClients(base), (credentials) => sessionClients({ ...base, credentials }));
}
