import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, untyped } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

test('no replica by default', () => {
  expect(validateProject(testConfig()).config.stateReplicaRegion).toBeUndefined();
});

test.each(['eu-central-1', 'us-east-2', 'ap-southeast-2'])('accepts %s as the replica region', (region) => {
  expect(validateProject(testConfig({ stateReplicaRegion: region })).config.stateReplicaRegion).toBe(region);
});

test("refuses the state's own region", () => {
  expectOnlyProblem(testConfig({ stateReplicaRegion: 'eu-west-1' }), {
    field: 'stateReplicaRegion',
    value: 'eu-west-1',
    rule: "is the state's own region (stateRegion): a replica must be in a second region",
  });
});

test('refuses an unknown region, suggesting the near one', () => {
  expectOnlyProblem(testConfig({ stateReplicaRegion: 'eu-centrl-1' }), {
    field: 'stateReplicaRegion',
    value: 'eu-centrl-1',
    rule: 'must be an AWS region such as "us-east-1" (the AWS SDK\'s list of regions); did you mean "eu-central-1"?',
  });
});

test.each([
  ['a number', 1],
  ['empty', ''],
  ['null', null],
])('refuses a value that is %s', (_, value) => {
  expectOnlyProblem(testConfig(untyped({ stateReplicaRegion: value })), {
    field: 'stateReplicaRegion',
    value,
    rule: 'must be an AWS region',
  });
});

test('refuses a region of another partition: S3 does not replicate across partitions', () => {
  expectOnlyProblem(testConfig({ stateReplicaRegion: 'cn-north-1' }), {
    field: 'stateReplicaRegion',
    value: 'cn-north-1',
    rule: 'is in the aws-cn partition, the state (eu-west-1) in aws: S3 replicates only within one partition',
  });
});

test('the replica bucket name derived from it must be a valid bucket name', () => {
  expectOnlyProblem(
    testConfig({
      project: 'a-rather-long-project-name-xyz',
      stateBucketName: 'b'.repeat(60),
      stateReplicaRegion: 'eu-central-1',
    }),
    {
      field: 'stateReplicaRegion (replica bucket name, derived from stateBucketName)',
      value: `${'b'.repeat(60)}-replica`,
      rule: 'S3 bucket names must be 3 to 63 characters long (this one has 68)',
    },
  );
});
