import { describeBootstrapState, describeStacks } from '../../../tools/demo/demo-steps';

test.each([
  [['dev'], 'dev'],
  [['dev', 'prod'], 'dev and prod'],
  [['dev', 'staging', 'prod'], 'dev, staging and prod'],
])('describeStacks(%j) is "%s"', (environments, text) => {
  expect(describeStacks(environments)).toBe(text);
});

describe('describeBootstrapState', () => {
  const FILE = 'terraform.emulator.bootstrap.tfstate';

  test('counts the resources and names the ones a newcomer knows', () => {
    const types = ['aws_s3_bucket', 'aws_s3_bucket_versioning', 'aws_dynamodb_table', 'aws_kms_key', 'aws_kms_alias'];
    expect(describeBootstrapState(FILE, types)).toBe(
      `5 resources in the scratch copy's ${FILE}: the state bucket and its settings, the lock table, the KMS key`,
    );
  });

  test('an unreadable state file is said plainly', () => {
    expect(describeBootstrapState(FILE, undefined)).toBe(`no readable ${FILE}`);
  });
});
