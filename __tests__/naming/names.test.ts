import {
  applicationBucketPrefix,
  bootstrapStatePath,
  defaultStateKey,
  deriveNames,
  environmentStateNames,
  stateBucketName,
} from '../../naming/names';
import { testConfig } from '../support/test-config';

describe('stateBucketName', () => {
  test('by default includes the project, account ID and state region', () => {
    expect(stateBucketName(testConfig())).toBe('acme-tfstate-111122223333-eu-west-1');
    expect(stateBucketName(testConfig({ accountId: '999988887777', stateRegion: 'us-gov-west-1' }))).toBe(
      'acme-tfstate-999988887777-us-gov-west-1',
    );
  });

  test('an explicit stateBucketName wins', () => {
    expect(stateBucketName(testConfig({ stateBucketName: 'my-state' }))).toBe('my-state');
    expect(stateBucketName(testConfig({ stateBucketName: 'my-state', accountId: undefined }))).toBe('my-state');
  });

  test('throws without accountId or an explicit name', () => {
    expect(() => stateBucketName(testConfig({ accountId: undefined }))).toThrow(
      /needs accountId or an explicit stateBucketName/,
    );
  });
});

describe('state keys', () => {
  test('the default key is <environment>/terraform.tfstate', () => {
    expect(defaultStateKey('dev')).toBe('dev/terraform.tfstate');
    expect(defaultStateKey('prod-eu')).toBe('prod-eu/terraform.tfstate');
  });
});

describe('environmentStateNames', () => {
  // The formats of Terraform's S3 backend: DynamoDB LockID "<bucket>/<key>", digest item
  // "<bucket>/<key>-md5", S3 lockfile "<key>.tflock".
  test('derives the lock, digest and lockfile names exactly as the S3 backend does', () => {
    expect(environmentStateNames('state-bucket', 'team/dev/terraform.tfstate')).toStrictEqual({
      stateKey: 'team/dev/terraform.tfstate',
      lockId: 'state-bucket/team/dev/terraform.tfstate',
      digestId: 'state-bucket/team/dev/terraform.tfstate-md5',
      lockfileKey: 'team/dev/terraform.tfstate.tflock',
    });
  });
});

describe('deriveNames', () => {
  test('a replica and a log bucket are named like the state bucket: in their region, or after an explicit name', () => {
    const options = { stateReplicaRegion: 'eu-central-1', stateAccessLogs: true } as const;
    expect(deriveNames(testConfig(options))).toMatchObject({
      replicaBucket: 'acme-tfstate-111122223333-eu-central-1',
      accessLogBucket: 'acme-tfstate-logs-111122223333-eu-west-1',
    });
    expect(deriveNames(testConfig({ ...options, stateBucketName: 'acme-state' }))).toMatchObject({
      replicaBucket: 'acme-state-replica',
      accessLogBucket: 'acme-state-logs',
    });
    expect(deriveNames(testConfig())).not.toHaveProperty('replicaBucket');
    expect(deriveNames(testConfig())).not.toHaveProperty('accessLogBucket');
  });

  test('derives every name from the default configuration', () => {
    const bucket = 'acme-tfstate-111122223333-eu-west-1';
    expect(deriveNames(testConfig())).toStrictEqual({
      stateBucket: bucket,
      lockTable: 'acme-tfstate-lock',
      stateKeyAlias: 'alias/acme-tfstate',
      replicaKeyAlias: 'alias/acme-tfstate-replica',
      environments: {
        dev: {
          stateKey: 'dev/terraform.tfstate',
          lockId: `${bucket}/dev/terraform.tfstate`,
          digestId: `${bucket}/dev/terraform.tfstate-md5`,
          lockfileKey: 'dev/terraform.tfstate.tflock',
        },
        prod: {
          stateKey: 'prod/terraform.tfstate',
          lockId: `${bucket}/prod/terraform.tfstate`,
          digestId: `${bucket}/prod/terraform.tfstate-md5`,
          lockfileKey: 'prod/terraform.tfstate.tflock',
        },
      },
      bootstrapState: {
        stateKey: 'bootstrap/terraform.tfstate',
        lockId: `${bucket}/bootstrap/terraform.tfstate`,
        digestId: `${bucket}/bootstrap/terraform.tfstate-md5`,
        lockfileKey: 'bootstrap/terraform.tfstate.tflock',
      },
    });
  });

  test('uses an explicit stateKey, lockTableName and stateBucketName', () => {
    const names = deriveNames(
      testConfig({
        stateBucketName: 'my-state',
        lockTableName: 'my-locks',
        environments: { dev: { region: 'eu-west-1', stateKey: 'apps/dev.tfstate' }, prod: { region: 'eu-west-1' } },
      }),
    );
    expect(names.stateBucket).toBe('my-state');
    expect(names.lockTable).toBe('my-locks');
    expect(names.environments.dev).toStrictEqual({
      stateKey: 'apps/dev.tfstate',
      lockId: 'my-state/apps/dev.tfstate',
      digestId: 'my-state/apps/dev.tfstate-md5',
      lockfileKey: 'apps/dev.tfstate.tflock',
    });
    expect(names.environments.prod?.stateKey).toBe('prod/terraform.tfstate');
  });
});

describe('bootstrapStatePath', () => {
  test('with the default outdir, points from cdktf.out/stacks/bootstrap back to the project root', () => {
    expect(bootstrapStatePath('cdktf.out', '/p')).toBe('../../../terraform.bootstrap.tfstate');
  });

  test('with a nested outdir', () => {
    expect(bootstrapStatePath('build/cdktf.out', '/p')).toBe('../../../../terraform.bootstrap.tfstate');
  });

  test('with an absolute outdir inside the project', () => {
    expect(bootstrapStatePath('/p/cdktf.out', '/p')).toBe('../../../terraform.bootstrap.tfstate');
  });

  test('with an absolute outdir outside the project', () => {
    expect(bootstrapStatePath('/tmp/out', '/home/me/project')).toBe(
      '../../../../home/me/project/terraform.bootstrap.tfstate',
    );
  });
});

describe('applicationBucketPrefix', () => {
  test('is <project>-<environment>-app-', () => {
    expect(applicationBucketPrefix('acme', 'dev')).toBe('acme-dev-app-');
  });

  test.each([
    ['p'.repeat(32), 'e'.repeat(32)],
    ['p'.repeat(32), 'dev'],
    ['acme-platform-services', 'production-eu-west'],
  ])('is cut to at most 37 characters (%s, %s)', (project, environment) => {
    const prefix = applicationBucketPrefix(project, environment);
    expect(prefix).toHaveLength(37);
    expect(`${project}-${environment}-app-`.startsWith(prefix)).toBe(true);
  });

  test('a prefix of exactly 37 characters is kept whole', () => {
    const project = 'p'.repeat(28);
    expect(applicationBucketPrefix(project, 'dev')).toBe(`${project}-dev-app-`);
    expect(applicationBucketPrefix(project, 'dev')).toHaveLength(37);
  });
});
