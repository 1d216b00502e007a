import { backendSettings } from '../../naming/backend-settings';
import { BOOTSTRAP_VERSION } from '../../naming/bootstrap-version';
import { TEST_BOOTSTRAP_STATE_PATH, synthProject } from '../support/fixtures';
import { testConfig } from '../support/test-config';
import { resourcesOf, synthConstruct, theResource } from '../support/synth-scope';
import { BootstrapRecord } from '../../constructs/bootstrap-record';

describe('bootstrap stack', () => {
  const { stacks, project } = synthProject();
  const bootstrap = stacks.bootstrap!;

  test('matches the snapshot (a change detector; the properties below say what must hold)', () => {
    expect(bootstrap).toMatchSnapshot();
  });

  test('keeps its own state in a local file at the project root, not in the synth output', () => {
    expect(bootstrap.terraform.backend).toEqual({ local: { path: TEST_BOOTSTRAP_STATE_PATH } });
  });

  test('creates exactly the state bucket and lock table the names module derives', () => {
    expect(theResource(bootstrap.resource, 'aws_s3_bucket').bucket).toBe('acme-tfstate-111122223333-eu-west-1');
    expect(theResource(bootstrap.resource, 'aws_dynamodb_table').name).toBe(project.names.lockTable);
  });

  test('runs in the state region, only with credentials of the configured account', () => {
    const [provider] = bootstrap.provider.aws;
    expect(provider).toMatchObject({ region: 'eu-west-1', allowed_account_ids: ['111122223333'] });
  });

  test('tags everything it creates with the project, the component and the user tags', () => {
    const [provider] = bootstrap.provider.aws;
    expect(provider?.default_tags).toEqual([
      { tags: { Owner: 'platform', Project: 'acme', Component: 'terraform-state', ManagedBy: 'cdktf' } },
    ]);
  });

  test('project tags cannot be overridden by user tags', () => {
    const { stacks: overridden } = synthProject(testConfig({ tags: { Project: 'other', ManagedBy: 'hand' } }));
    const [provider] = overridden.bootstrap!.provider.aws;
    expect(provider?.default_tags).toEqual([
      { tags: { Project: 'acme', Component: 'terraform-state', ManagedBy: 'cdktf' } },
    ]);
  });

  test('creates nothing else until the bucket exists, so a taken bucket name leaves nothing behind', () => {
    const [bucketId] = Object.keys(bootstrap.resource.aws_s3_bucket ?? {});
    expect(theResource(bootstrap.resource, 'aws_dynamodb_table').depends_on).toEqual([`aws_s3_bucket.${bucketId}`]);
  });

  test('outputs the bucket, table, region, every environment backend and state policy', () => {
    const outputs = bootstrap.output ?? {};
    expect(Object.keys(outputs).sort()).toEqual([
      'bootstrap_version',
      'environment_backends',
      'lock_table',
      'state_access_policies',
      'state_bucket',
      'state_region',
    ]);
    expect(outputs.bootstrap_version?.value).toBe(BOOTSTRAP_VERSION);
    expect(outputs.state_region?.value).toBe('eu-west-1');
    expect(outputs.environment_backends?.value).toEqual({
      dev: backendSettings(project, 'dev'),
      prod: backendSettings(project, 'prod'),
    });
  });

  test('uses the AWS-managed key by default: no KMS key of its own', () => {
    expect(resourcesOf(bootstrap.resource, 'aws_kms_key')).toHaveLength(0);
  });

  describe('with a customer-managed key', () => {
    const { stacks: cmk } = synthProject(testConfig({ stateEncryption: 'customer-managed' }));
    const resources = cmk.bootstrap!.resource;
    const [keyId] = Object.keys(resources.aws_kms_key ?? {});
    const keyArn = `\${aws_kms_key.${keyId}.arn}`;

    test('creates a rotated key and alias, after the bucket', () => {
      const [bucketId] = Object.keys(resources.aws_s3_bucket ?? {});
      expect(theResource(resources, 'aws_kms_key')).toMatchObject({
        enable_key_rotation: true,
        depends_on: [`aws_s3_bucket.${bucketId}`],
      });
      expect(theResource(resources, 'aws_kms_alias').name).toBe('alias/acme-tfstate');
    });

    test('encrypts the bucket and the lock table with it', () => {
      const [rule] = theResource(resources, 'aws_s3_bucket_server_side_encryption_configuration').rule as Array<
        Record<string, unknown>
      >;
      expect(rule?.apply_server_side_encryption_by_default).toEqual({
        sse_algorithm: 'aws:kms',
        kms_master_key_id: keyArn,
      });
      expect(theResource(resources, 'aws_dynamodb_table').server_side_encryption).toEqual({
        enabled: true,
        kms_key_arn: keyArn,
      });
    });

    test('points the environment backends at the key by alias', () => {
      expect(cmk.dev!.terraform.backend.s3?.kms_key_id).toBe('alias/acme-tfstate');
    });
  });

  test('without an account ID (explicit bucket name) it does not restrict accounts', () => {
    const { stacks: noAccount } = synthProject(
      testConfig({ accountId: undefined, stateBucketName: 'acme-state-bucket' }),
    );
    expect(noAccount.bootstrap!.provider.aws[0]).not.toHaveProperty('allowed_account_ids');
    expect(theResource(noAccount.bootstrap!.resource, 'aws_s3_bucket').bucket).toBe('acme-state-bucket');
  });

  test('is the same in every locking mode but for the state policies, so switching modes changes nothing else', () => {
    const modes = (['dynamodb', 'dynamodb+s3', 's3'] as const).map((locking) => {
      const { stacks: synthesized } = synthProject(testConfig({ locking }));
      // The outputs describe the backends, which do change; the state policies grant what the mode uses.
      const { output: _backends, resource, ...rest } = synthesized.bootstrap!;
      const policies = Object.values(resource.aws_iam_policy ?? {}).map(({ policy: _policy, ...fields }) => fields);
      return { ...rest, resource: { ...resource, aws_iam_policy: policies } };
    });
    expect(modes[1]).toEqual(modes[0]);
    expect(modes[2]).toEqual(modes[0]);
  });

  describe('with the lock table retired (retireLockTable, s3 locking only)', () => {
    const managed = synthProject(testConfig({ locking: 's3' })).stacks.bootstrap!;
    const retired = synthProject(testConfig({ locking: 's3', retireLockTable: true })).stacks.bootstrap!;
    const [tableId] = Object.keys(managed.resource.aws_dynamodb_table ?? {});

    test('no longer declares the table', () => {
      expect(resourcesOf(retired.resource, 'aws_dynamodb_table')).toHaveLength(0);
    });

    test('tells Terraform to forget it without destroying it, at the address the table had', () => {
      expect(tableId).toBeDefined();
      expect(retired.removed).toEqual([{ from: `aws_dynamodb_table.${tableId}`, lifecycle: { destroy: false } }]);
    });

    test('the address is the one docs/retiring-the-lock-table.md gives for importing the table back', () => {
      expect(retired.removed?.[0]?.from).toBe('aws_dynamodb_table.lock-table_D28631D7');
    });

    test('requires a Terraform that understands removed blocks (1.7+)', () => {
      expect(retired.terraform.required_version).toBe('>= 1.7.0');
    });

    test('keeps everything else exactly as it was (the bootstrap record no longer waits for the table)', () => {
      // (Both are in s3 mode, so their state policies are the same.)
      const withoutRecordOrder = (resources: typeof managed.resource) => ({
        ...resources,
        aws_ssm_parameter: Object.fromEntries(
          Object.entries(resources.aws_ssm_parameter ?? {}).map(([id, { depends_on: _order, ...rest }]) => [id, rest]),
        ),
      });
      const { aws_dynamodb_table: _table, ...rest } = managed.resource;
      expect(withoutRecordOrder(retired.resource)).toEqual(withoutRecordOrder(rest));
      expect(JSON.stringify(theResource(retired.resource, 'aws_ssm_parameter').depends_on)).not.toContain('dynamodb');
      expect(retired.provider).toEqual(managed.provider);
      expect(retired.terraform.backend).toEqual(managed.terraform.backend);
    });

    test('drops the lock_table output and keeps the others', () => {
      const { lock_table: _lockTable, ...rest } = managed.output ?? {};
      expect(retired.output).toEqual(rest);
    });

    test('a managed table has no removed block and no Terraform version requirement', () => {
      expect(managed).not.toHaveProperty('removed');
      expect(managed.terraform).not.toHaveProperty('required_version');
    });

    test('with a customer-managed key, the key stays managed', () => {
      const cmk = synthProject(
        testConfig({ locking: 's3', retireLockTable: true, stateEncryption: 'customer-managed' }),
      ).stacks.bootstrap!;
      expect(resourcesOf(cmk.resource, 'aws_kms_key')).toHaveLength(1);
      expect(resourcesOf(cmk.resource, 'aws_dynamodb_table')).toHaveLength(0);
      expect(cmk.removed).toEqual(retired.removed);
    });
  });
});

describe('every guard on', () => {
  // Everything whose removal weakens the state storage. A targeted destroy of any one of them
  // (`terraform plan -destroy -target=...`) must be refused, not only a destroy of the bucket.
  const PROTECTED = [
    'aws_s3_bucket',
    'aws_s3_bucket_versioning',
    'aws_s3_bucket_server_side_encryption_configuration',
    'aws_s3_bucket_public_access_block',
    'aws_s3_bucket_ownership_controls',
    'aws_s3_bucket_policy',
    'aws_s3_bucket_lifecycle_configuration',
    'aws_dynamodb_table',
    'aws_kms_key',
    'aws_kms_alias',
    'aws_ssm_parameter',
  ];
  // Who may use the state (docs/iam.md). Unguarded on purpose: they follow the configuration (an
  // environment or `ci` removed, its access goes with it; prevent_destroy would turn that into a
  // failed plan and leave access nobody configured), removing one fails closed (a deploy is
  // refused, no state is exposed), and the next bootstrap deploy recreates it under the same ARN.
  // The CI roles' inline policies (the fence, the hop into a deployRoleArn) go with their roles;
  // the fence also keeps its role from removing it (docs/iam.md#the-fence).
  const ACCESS = [
    'aws_iam_policy',
    'aws_iam_openid_connect_provider',
    'aws_iam_role',
    'aws_iam_role_policy',
    'aws_iam_role_policy_attachment',
  ];
  const { stacks } = synthProject(
    testConfig({ stateEncryption: 'customer-managed', ci: { github: { repository: 'acme/platform' } } }),
  );
  const resources = stacks.bootstrap!.resource;

  test('the bootstrap creates each protected type, and the access types', () => {
    expect(Object.keys(resources).sort()).toEqual([...PROTECTED, ...ACCESS].sort());
  });

  test.each(PROTECTED)('every %s has prevent_destroy', (type) => {
    const found = resourcesOf(resources, type);
    expect(found.length).toBeGreaterThan(0);
    for (const resource of found) expect(resource.lifecycle).toMatchObject({ prevent_destroy: true });
  });

  test.each(ACCESS)('no %s has prevent_destroy: access follows the configuration', (type) => {
    const found = resourcesOf(resources, type);
    expect(found.length).toBeGreaterThan(0);
    for (const resource of found) expect(resource).not.toHaveProperty('lifecycle.prevent_destroy');
  });
});

describe('the bootstrap record', () => {
  const { stacks } = synthProject();
  const parameter = theResource(stacks.bootstrap!.resource, 'aws_ssm_parameter');

  test('is an SSM parameter named from the project, holding the version and every environment', () => {
    expect(parameter).toMatchObject({ name: '/tfstate-bootstrap/acme/version', type: 'String', tier: 'Standard' });
    expect(JSON.parse(parameter.value as string)).toEqual({
      version: BOOTSTRAP_VERSION,
      environments: ['dev', 'prod'],
    });
  });

  test('is written after the bucket, its settings and the table, and never waits for the lifecycle rules', () => {
    const dependsOn = parameter.depends_on as string[];
    for (const type of [
      'aws_s3_bucket',
      'aws_s3_bucket_versioning',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_public_access_block',
      'aws_dynamodb_table',
    ]) {
      expect(dependsOn.some((address) => address.startsWith(`${type}.`))).toBe(true);
    }
    expect(dependsOn.some((address) => address.startsWith('aws_s3_bucket_lifecycle_configuration.'))).toBe(false);
  });

  test('a record too big for a Standard parameter (4 KB) goes to the Advanced tier', () => {
    // 130 environments with 32-character names: the most a configuration allows per name.
    const environments = Array.from(
      { length: 130 },
      (_, index) => `environment-with-a-long-name-${String(index).padStart(3, '0')}`,
    );
    const record = (names: string[]) =>
      theResource(
        synthConstruct(
          (scope) => new BootstrapRecord(scope, 'record', { name: '/x/version', version: 1, environments: names }),
        ),
        'aws_ssm_parameter',
      );
    expect(record(environments).tier).toBe('Advanced');
    expect(record(environments.slice(0, 100)).tier).toBe('Standard');
  });
});

describe('bootstrapState', () => {
  test('"local" (the default) keeps the state in the local file', () => {
    const { stacks } = synthProject(testConfig({ bootstrapState: 'local' }));
    expect(stacks.bootstrap!.terraform.backend).toEqual({ local: { path: TEST_BOOTSTRAP_STATE_PATH } });
  });

  test.each(['dynamodb', 'dynamodb+s3', 's3'] as const)(
    '"s3" keeps it at bootstrap/terraform.tfstate in the state bucket, locked like the environments (%s)',
    (locking) => {
      const { stacks, project } = synthProject(testConfig({ bootstrapState: 's3', locking }));
      const backend = stacks.bootstrap!.terraform.backend;
      expect(Object.keys(backend)).toEqual(['s3']);
      const { key, ...shared } = backend.s3!;
      const { key: devKey, ...devShared } = stacks.dev!.terraform.backend.s3!;
      expect(key).toBe('bootstrap/terraform.tfstate');
      expect(devKey).toBe('dev/terraform.tfstate');
      expect(shared).toEqual(devShared);
      expect(shared).toMatchObject({ bucket: project.names.stateBucket, encrypt: true });
    },
  );

  test("its lockfile's old versions expire like the environments', in either mode", () => {
    for (const bootstrapState of ['local', 's3'] as const) {
      const { stacks } = synthProject(testConfig({ bootstrapState }));
      const rules = theResource(stacks.bootstrap!.resource, 'aws_s3_bucket_lifecycle_configuration').rule as Array<{
        id: string;
      }>;
      expect(rules.map((rule) => rule.id)).toContain('expire-old-lockfile-versions:bootstrap/terraform.tfstate.tflock');
    }
  });
});
