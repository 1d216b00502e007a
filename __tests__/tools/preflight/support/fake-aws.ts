import type { AwsSession } from '../../../../tools/preflight/aws-session';

/** An error as the AWS SDK v3 throws it: what the checks look at is its name. */
export function awsError(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * A few AWS accounts in memory: their roles (and who may assume each), users, OIDC providers,
 * policies, and the state storage. Only what preflight reads. Each session acts as one identity,
 * in its account; IAM answers only about that account, as IAM does.
 */
export class FakeAws {
  /** Role ARN -> the role ARNs (or user ARNs) whose sessions may assume it (trust and identity policy together). */
  readonly roles = new Map<string, Set<string>>();
  readonly users = new Set<string>();
  readonly oidcProviders = new Set<string>();
  readonly policies = new Set<string>();
  readonly buckets = new Set<string>();
  readonly tables = new Set<string>();
  readonly parameters = new Map<string, string>();
  /** Identities (role or user ARNs) that may read the state storage; none listed: everyone may. */
  readonly stateReaders = new Set<string>();
  /** Identities IAM refuses GetRole/GetUser to. */
  readonly iamDenied = new Set<string>();
  /** Every request, as `<identity> <operation> <what>`. */
  readonly calls: string[] = [];

  /** A role that `callers` may assume. */
  role(arn: string, ...callers: string[]): this {
    this.roles.set(arn, new Set(callers));
    return this;
  }

  session(identity: string): AwsSession {
    return new FakeSession(this, identity);
  }
}

function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

function nameOf(arn: string): string {
  return arn.split('/').pop() ?? '';
}

class FakeSession implements AwsSession {
  constructor(
    private readonly aws: FakeAws,
    /** The IAM role or user ARN this session acts as. */
    private readonly identity: string,
  ) {}

  private call(operation: string, what: string): void {
    this.aws.calls.push(`${nameOf(this.identity)} ${operation} ${what}`);
  }

  async whoAmI() {
    this.call('GetCallerIdentity', '');
    const account = accountOf(this.identity);
    const arn = this.identity.includes(':role/')
      ? `arn:aws:sts::${account}:assumed-role/${nameOf(this.identity)}/session`
      : this.identity;
    return { account, arn };
  }

  async assumeRole(roleArn: string): Promise<AwsSession> {
    this.call('AssumeRole', roleArn);
    if (!this.aws.roles.get(roleArn)?.has(this.identity)) {
      throw awsError(
        'AccessDenied',
        `User: ${this.identity} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      );
    }
    return new FakeSession(this.aws, roleArn);
  }

  private iam(kind: string, name: string, found: boolean): boolean {
    this.call(`Get${kind}`, name);
    if (this.aws.iamDenied.has(this.identity))
      throw awsError('AccessDenied', `not authorized to perform: iam:Get${kind}`);
    return found;
  }

  async roleExists(name: string) {
    const account = accountOf(this.identity);
    return this.iam(
      'Role',
      name,
      [...this.aws.roles.keys()].some((arn) => accountOf(arn) === account && nameOf(arn) === name),
    );
  }

  async userExists(name: string) {
    const account = accountOf(this.identity);
    return this.iam(
      'User',
      name,
      [...this.aws.users].some((arn) => accountOf(arn) === account && nameOf(arn) === name),
    );
  }

  async oidcProviderExists(arn: string) {
    return this.iam('OpenIDConnectProvider', arn, this.aws.oidcProviders.has(arn));
  }

  async policyExists(arn: string) {
    return this.iam('Policy', arn, this.aws.policies.has(arn));
  }

  private stateAccess(): void {
    if (this.aws.stateReaders.size > 0 && !this.aws.stateReaders.has(this.identity)) {
      throw awsError('AccessDenied', 'Access Denied');
    }
  }

  async listStateKey(bucket: string, key: string) {
    this.call('ListObjectsV2', `${bucket}/${key}`);
    if (!this.aws.buckets.has(bucket)) throw awsError('NoSuchBucket', 'The specified bucket does not exist');
    this.stateAccess();
  }

  async readItem(table: string, lockId: string) {
    this.call('GetItem', `${table} ${lockId}`);
    if (!this.aws.tables.has(table)) throw awsError('ResourceNotFoundException', 'Requested resource not found');
    this.stateAccess();
  }

  async parametersByPath(path: string) {
    this.call('GetParametersByPath', path);
    this.stateAccess();
    return Object.fromEntries([...this.aws.parameters].filter(([name]) => name.startsWith(`${path}/`)));
  }
}
