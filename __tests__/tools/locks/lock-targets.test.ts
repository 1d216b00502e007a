import { UnknownEnvironmentError } from '../../../naming/environments';
import {
  bootstrapLockTarget,
  lockTarget,
  lockTargets,
  namedLockTarget,
  usesDigest,
} from '../../../tools/locks/lock-targets';
import { UsageError } from '../../../tools/cli/usage';
import { validateProject } from '../../../naming/project';
import { testConfig } from '../../support/test-config';
import { testProject } from './support/lock-fixtures';

const BUCKET = 'acme-tfstate-111122223333-eu-west-1';

describe('lockTarget', () => {
  test('uses the names Terraform derives from the bucket and key', () => {
    expect(lockTarget(testProject(), 'dev')).toEqual({
      environment: 'dev',
      mechanisms: ['dynamodb'],
      stateKey: 'dev/terraform.tfstate',
      lockItemId: `${BUCKET}/dev/terraform.tfstate`,
      digestItemId: `${BUCKET}/dev/terraform.tfstate-md5`,
      lockfileKey: 'dev/terraform.tfstate.tflock',
    });
  });

  test.each([
    ['dynamodb', ['dynamodb'], true],
    ['dynamodb+s3', ['dynamodb', 's3'], true],
    ['s3', ['s3'], false],
  ] as const)('in %s mode checks %j (digest: %s)', (mode, mechanisms, digest) => {
    const target = lockTarget(testProject(mode), 'prod');
    expect(target.mechanisms).toEqual(mechanisms);
    expect(usesDigest(target)).toBe(digest);
  });

  // run-cli.test.ts: the CLI treats it as a usage error (exit 2).
  test('an unknown environment is refused, listing the known ones', () => {
    const attempt = (): unknown => lockTarget(testProject(), 'qa');
    expect(attempt).toThrow(UnknownEnvironmentError);
    expect(attempt).toThrow('unknown environment "qa"; known environments: dev, prod');
  });

  test('inherited object properties are not environments', () => {
    expect(() => lockTarget(testProject(), 'constructor')).toThrow(UnknownEnvironmentError);
  });
});

describe('lockTargets', () => {
  test('every environment in configuration order, or only the one asked for', () => {
    expect(lockTargets(testProject()).map((target) => target.environment)).toEqual(['dev', 'prod']);
    expect(lockTargets(testProject(), 'prod').map((target) => target.environment)).toEqual(['prod']);
  });
});

describe("the bootstrap's own state", () => {
  test('has no lock target while it is a local file', () => {
    expect(bootstrapLockTarget(validateProject(testConfig()))).toBeUndefined();
  });

  test('in the bucket: locked like an environment, at bootstrap/terraform.tfstate, with the mode of the project', () => {
    const project = validateProject(testConfig({ bootstrapState: 's3', locking: 'dynamodb+s3' }));
    expect(bootstrapLockTarget(project)).toEqual({
      environment: 'bootstrap',
      mechanisms: ['dynamodb', 's3'],
      stateKey: 'bootstrap/terraform.tfstate',
      lockItemId: `${project.names.stateBucket}/bootstrap/terraform.tfstate`,
      digestItemId: `${project.names.stateBucket}/bootstrap/terraform.tfstate-md5`,
      lockfileKey: 'bootstrap/terraform.tfstate.tflock',
    });
    expect(
      bootstrapLockTarget(validateProject(testConfig({ bootstrapState: 's3', locking: 's3' })))?.mechanisms,
    ).toEqual(['s3']);
  });
});

describe('the lock tool by name', () => {
  const inBucket = () => validateProject(testConfig({ bootstrapState: 's3' }));

  test("bootstrap names the bootstrap's own lock when its state is in the bucket; list and doctor include it last", () => {
    expect(namedLockTarget(inBucket(), 'bootstrap')).toEqual(bootstrapLockTarget(inBucket()));
    expect(lockTargets(inBucket()).map((target) => target.environment)).toEqual(['dev', 'prod', 'bootstrap']);
    expect(lockTargets(inBucket(), 'bootstrap').map((target) => target.stateKey)).toEqual([
      'bootstrap/terraform.tfstate',
    ]);
  });

  test('with a local bootstrap state, bootstrap is a usage error saying why, and listing all leaves it out', () => {
    const local = validateProject(testConfig());
    const attempt = (): unknown => namedLockTarget(local, 'bootstrap');
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(
      "bootstrap's state is a local file (bootstrapState: 'local'), not in the bucket: no lock or version of it " +
        'is there (the local backend locks it only while a terraform process runs). Environments: dev, prod',
    );
    expect(lockTargets(local).map((target) => target.environment)).toEqual(['dev', 'prod']);
  });

  test('an environment by name is its lockTarget', () => {
    expect(namedLockTarget(inBucket(), 'prod')).toEqual(lockTarget(inBucket(), 'prod'));
    expect(() => namedLockTarget(inBucket(), 'qa')).toThrow(UnknownEnvironmentError);
  });
});
