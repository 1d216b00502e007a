import { BOOTSTRAP_VERSION } from '../../naming/bootstrap-version';
import { synthProject } from '../support/fixtures';
import { testConfig } from '../support/test-config';
import { theResource } from '../support/synth-scope';

describe('environment stacks', () => {
  const { stacks, project } = synthProject();
  const environments = Object.keys(project.config.environments);

  test.each(environments)('%s matches the snapshot (a change detector)', (environment) => {
    expect(stacks[environment]).toMatchSnapshot();
  });

  test('there is one stack per configured environment and nothing else besides the bootstrap', () => {
    expect(Object.keys(stacks).sort()).toEqual(['bootstrap', ...environments].sort());
  });

  test('adding an environment is one config entry: its stack appears with its own state key', () => {
    const config = testConfig();
    const { stacks: grown } = synthProject({
      ...config,
      environments: { ...config.environments, staging: { region: 'us-west-2' } },
    });
    expect(grown.staging?.terraform.backend.s3).toMatchObject({ key: 'staging/terraform.tfstate' });
    expect(grown.staging?.provider.aws[0]?.region).toBe('us-west-2');
  });

  test.each(environments)(
    '%s keeps its state in the bucket and locks in the table the bootstrap creates',
    (environment) => {
      const bootstrap = stacks.bootstrap!;
      const backend = stacks[environment]!.terraform.backend.s3;
      expect(backend?.bucket).toBe(theResource(bootstrap.resource, 'aws_s3_bucket').bucket);
      expect(backend?.dynamodb_table).toBe(theResource(bootstrap.resource, 'aws_dynamodb_table').name);
      expect(backend?.region).toBe(bootstrap.provider.aws[0]?.region);
    },
  );

  test('every environment has its own state key', () => {
    const keys = environments.map((environment) => stacks[environment]!.terraform.backend.s3?.key);
    expect(new Set(keys).size).toBe(environments.length);
  });

  test.each(environments)('%s writes state encrypted with KMS', (environment) => {
    expect(stacks[environment]!.terraform.backend.s3).toMatchObject({ encrypt: true, kms_key_id: 'alias/aws/s3' });
  });

  test('the provider runs in the environment region with project, environment and managed-by tags', () => {
    expect(stacks.prod!.provider.aws[0]).toMatchObject({
      region: 'eu-central-1',
      default_tags: [{ tags: { Owner: 'platform', Project: 'acme', Environment: 'prod', ManagedBy: 'cdktf' } }],
    });
    expect(stacks.dev!.provider.aws[0]?.default_tags).toEqual([
      { tags: { Owner: 'platform', CostCenter: 'dev', Project: 'acme', Environment: 'dev', ManagedBy: 'cdktf' } },
    ]);
  });

  test("each provider runs only in the environment's account: the one configured, else the state account", () => {
    expect(stacks.prod!.provider.aws[0]?.allowed_account_ids).toEqual(['444455556666']);
    expect(stacks.dev!.provider.aws[0]?.allowed_account_ids).toEqual(['111122223333']);
  });

  test('without any account configured (an explicit bucket name), no allowed account IDs', () => {
    const { stacks: noAccount } = synthProject(
      testConfig({
        accountId: undefined,
        stateBucketName: 'acme-state',
        environments: { dev: { region: 'eu-west-1' } },
      }),
    );
    expect(noAccount.dev!.provider.aws[0]).not.toHaveProperty('allowed_account_ids');
  });

  test.each(environments)('%s deploys a small private, versioned, encrypted workload bucket', (environment) => {
    const resources = stacks[environment]!.resource;
    expect(theResource(resources, 'aws_s3_bucket')).toMatchObject({ bucket_prefix: `acme-${environment}-app-` });
    expect(theResource(resources, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(theResource(resources, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(theResource(resources, 'aws_s3_bucket_server_side_encryption_configuration')).toBeDefined();
    // Only S3 resources: nothing that costs money while idle.
    expect(Object.keys(resources).every((type) => type.startsWith('aws_s3_bucket'))).toBe(true);
  });

  describe.each([
    ['dynamodb', { dynamodb_table: 'acme-tfstate-lock' }, ['use_lockfile']],
    ['dynamodb+s3', { dynamodb_table: 'acme-tfstate-lock', use_lockfile: true }, []],
    ['s3', { use_lockfile: true }, ['dynamodb_table']],
  ] as const)('in %s locking mode', (locking, present, absent) => {
    const backend = synthProject(testConfig({ locking })).stacks.dev!.terraform.backend.s3;

    test('the backend takes exactly that mode’s locks', () => {
      expect(backend).toMatchObject(present);
      for (const key of absent) expect(backend).not.toHaveProperty(key);
    });
  });
});

describe('the bootstrap version check', () => {
  const { stacks } = synthProject();
  const dev = stacks.dev!;
  const check = () => {
    const [data] = Object.values(
      (dev as unknown as { data: Record<string, Record<string, Record<string, unknown>>> }).data
        .aws_ssm_parameters_by_path ?? {},
    );
    return data!;
  };

  const recordOf = (stack: typeof dev) =>
    Object.values(
      (stack as unknown as { data: Record<string, Record<string, Record<string, unknown>>> }).data
        .aws_ssm_parameters_by_path ?? {},
    )[0]!;

  test("reads the project's bootstrap path with the environment's own provider when it is in the state region", () => {
    expect(check()).toMatchObject({ path: '/tfstate-bootstrap/acme' });
    expect(check().provider).toBe('aws');
    expect(dev.provider.aws).toHaveLength(1);
  });

  test('and through a second provider for the state region when it is not', () => {
    const prod = stacks.prod!; // eu-central-1, state in eu-west-1
    expect(recordOf(prod)).toMatchObject({ path: '/tfstate-bootstrap/acme', provider: 'aws.state' });
    expect(prod.provider.aws).toContainEqual(
      expect.objectContaining({ alias: 'state', region: 'eu-west-1', allowed_account_ids: ['111122223333'] }),
    );
  });

  test('fails the plan unless the record holds this version or newer and this environment', () => {
    const lifecycle = check().lifecycle as { postcondition: Array<{ condition: string; error_message: string }> };
    const [postcondition] = lifecycle.postcondition;
    expect(postcondition!.condition).toContain(`.version >= ${BOOTSTRAP_VERSION}`);
    expect(postcondition!.condition).toContain('contains(');
    expect(postcondition!.condition).toContain('"dev"');
    // The messages as written; __tests__/e2e/bootstrap-day-two.test.ts shows Terraform printing each.
    for (const message of [
      `needs bootstrap version ${BOOTSTRAP_VERSION} for this project, found none`,
      'found %v: run npx cdktf deploy bootstrap',
      'is not in it: run npx cdktf deploy bootstrap',
    ]) {
      expect(postcondition!.error_message).toContain(message);
    }
  });
});
