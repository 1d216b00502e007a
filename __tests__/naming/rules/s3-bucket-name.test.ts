import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, expectProblem } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

const FIELD = 'stateBucketName';
const DERIVED_FIELD = 'stateBucketName (derived from project, accountId and stateRegion)';

function withBucket(stateBucketName: string) {
  return testConfig({ stateBucketName });
}

describe('explicit stateBucketName', () => {
  test.each([
    ['3 characters (the minimum)', 'abc'],
    ['63 characters (the maximum)', 'a'.repeat(63)],
    ['a dot in the middle', 'my.state.bucket'],
    ['starting and ending with digits', '1-bucket-2'],
    ['digits and dots that are not an IP address', '192.168.5'],
    ['a reserved prefix in the middle', 'my-xn--sthree-bucket'],
    ['a reserved suffix in the middle', 'my-s3alias-bucket'],
  ])('accepts %s', (_, name) => {
    expect(validateProject(withBucket(name)).names.stateBucket).toBe(name);
  });

  test.each(['ab', 'a'.repeat(64)])('rejects %j: length 3 to 63', (name) => {
    expectOnlyProblem(withBucket(name), {
      field: FIELD,
      value: name,
      rule: `S3 bucket names must be 3 to 63 characters long (this one has ${name.length})`,
    });
  });

  test('an empty name breaks both the length and the first/last character rule', () => {
    const error = expectProblem(withBucket(''), {
      field: FIELD,
      value: '',
      rule: 'must be 3 to 63 characters long (this one has 0)',
    });
    expect(error.problems.map((p) => p.rule)).toEqual([
      'S3 bucket names must be 3 to 63 characters long (this one has 0)',
      'S3 bucket names must begin and end with a lowercase letter or a digit',
    ]);
  });

  test.each(['my-Bucket', 'my_bucket', 'my bucket', 'my/bucket', 'my-bücket'])(
    'rejects %j: only lowercase letters, digits, dots and hyphens',
    (name) => {
      expectOnlyProblem(withBucket(name), {
        field: FIELD,
        value: name,
        rule: 'S3 bucket names may contain only lowercase letters, digits, dots (.) and hyphens (-)',
      });
    },
  );

  test.each(['-bucket', 'bucket-', '.bucket', 'bucket.'])(
    'rejects %j: must begin and end with a letter or digit',
    (name) => {
      expectOnlyProblem(withBucket(name), {
        field: FIELD,
        value: name,
        rule: 'S3 bucket names must begin and end with a lowercase letter or a digit',
      });
    },
  );

  test.each(['192.168.5.4', '10.0.0.1'])('rejects %j: not formatted as an IP address', (name) => {
    expectOnlyProblem(withBucket(name), {
      field: FIELD,
      value: name,
      rule: 'S3 bucket names must not be formatted as an IP address',
    });
  });

  test('rejects two adjacent dots', () => {
    expectOnlyProblem(withBucket('my..bucket'), {
      field: FIELD,
      value: 'my..bucket',
      rule: 'S3 bucket names must not contain two adjacent dots (..)',
    });
  });

  test.each([
    ['xn--', 'xn--bucket'],
    ['sthree-', 'sthree-bucket'],
    ['sthree-', 'sthree-configurator-bucket'],
    ['amzn-s3-demo-', 'amzn-s3-demo-bucket'],
  ])('rejects the reserved prefix %s (%j)', (prefix, name) => {
    expectOnlyProblem(withBucket(name), {
      field: FIELD,
      value: name,
      rule: `S3 bucket names must not start with "${prefix}" (reserved by S3)`,
    });
  });

  test.each([
    ['-s3alias', 'bucket-s3alias'],
    ['--ol-s3', 'bucket--ol-s3'],
    ['.mrap', 'bucket.mrap'],
    ['--x-s3', 'bucket--x-s3'],
    ['--table-s3', 'bucket--table-s3'],
  ])('rejects the reserved suffix %s (%j)', (suffix, name) => {
    expectOnlyProblem(withBucket(name), {
      field: FIELD,
      value: name,
      rule: `S3 bucket names must not end with "${suffix}" (reserved by S3)`,
    });
  });

  test('reports every rule a name breaks', () => {
    const error = expectProblem(withBucket('X'), { field: FIELD, value: 'X', rule: 'must be 3 to 63 characters long' });
    expect(error.problems.map((p) => p.rule)).toEqual([
      'S3 bucket names must be 3 to 63 characters long (this one has 1)',
      'S3 bucket names may contain only lowercase letters, digits, dots (.) and hyphens (-)',
      'S3 bucket names must begin and end with a lowercase letter or a digit',
    ]);
  });
});

describe('derived state bucket name', () => {
  test('the default name of the fixture is valid', () => {
    expect(validateProject(testConfig()).names.stateBucket).toBe('acme-tfstate-111122223333-eu-west-1');
  });

  test('a 32-character project in eu-west-1 gives exactly 63 characters, which is accepted', () => {
    const project = 'p'.repeat(32);
    const { names } = validateProject(testConfig({ project }));
    expect(names.stateBucket).toHaveLength(63);
  });

  test('a 32-character project in a longer region name is too long, reported against the derived name', () => {
    const project = 'p'.repeat(32);
    const name = `${project}-tfstate-111122223333-eu-central-1`;
    expectOnlyProblem(testConfig({ project, stateRegion: 'eu-central-1' }), {
      field: DERIVED_FIELD,
      value: name,
      rule: 'S3 bucket names must be 3 to 63 characters long (this one has 66)',
    });
  });

  test('a project name with a reserved prefix yields a derived name S3 would refuse', () => {
    expectOnlyProblem(testConfig({ project: 'sthree' }), {
      field: DERIVED_FIELD,
      value: 'sthree-tfstate-111122223333-eu-west-1',
      rule: 'S3 bucket names must not start with "sthree-" (reserved by S3)',
    });
  });
});
