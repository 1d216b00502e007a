import { criticalPath, resourceDependencies, resourceDurations } from '../../../tools/bench/critical-path';

const OUTPUT = `
bootstrap  aws_s3_bucket.bucket_A: Creating...
bootstrap  aws_s3_bucket.bucket_A: Creation complete after 1s [id=x]
bootstrap  aws_dynamodb_table.table_B: Creation complete after 7s [id=t]
bootstrap  aws_s3_bucket_lifecycle_configuration.lifecycle_C: Still creating... [50s elapsed]
bootstrap  aws_s3_bucket_lifecycle_configuration.lifecycle_C (state-bucket/lifecycle): Creation complete after 55s [id=x]
bootstrap  aws_s3_bucket_versioning.versioning_D: Modifications complete after 1m2s [id=x]
`;

const STACK = {
  resource: {
    aws_s3_bucket: { bucket_A: { bucket: 'x' } },
    aws_dynamodb_table: { table_B: { depends_on: ['aws_s3_bucket.bucket_A'] } },
    aws_s3_bucket_lifecycle_configuration: { lifecycle_C: { bucket: '${aws_s3_bucket.bucket_A.id}' } },
    aws_s3_bucket_versioning: { versioning_D: { bucket: 'literal' } },
  },
};

describe('bootstrap critical path', () => {
  test('reads each resource duration from Terraform output, minutes included', () => {
    expect(Object.fromEntries(resourceDurations(OUTPUT))).toEqual({
      'aws_s3_bucket.bucket_A': 1000,
      'aws_dynamodb_table.table_B': 7000,
      'aws_s3_bucket_lifecycle_configuration.lifecycle_C': 55000,
      'aws_s3_bucket_versioning.versioning_D': 62000,
    });
  });

  test('finds dependencies through references and depends_on', () => {
    const dependencies = resourceDependencies(STACK);
    expect([...(dependencies.get('aws_s3_bucket_lifecycle_configuration.lifecycle_C') ?? [])]).toEqual([
      'aws_s3_bucket.bucket_A',
    ]);
    expect([...(dependencies.get('aws_dynamodb_table.table_B') ?? [])]).toEqual(['aws_s3_bucket.bucket_A']);
    expect(dependencies.get('aws_s3_bucket.bucket_A')?.size).toBe(0);
  });

  test('is the longest duration-weighted chain, not the sum of everything', () => {
    const withoutSlowest = new Map(resourceDurations(OUTPUT));
    withoutSlowest.delete('aws_s3_bucket_versioning.versioning_D');
    expect(criticalPath(withoutSlowest, resourceDependencies(STACK))).toEqual({
      ms: 56000,
      chain: ['aws_s3_bucket.bucket_A', 'aws_s3_bucket_lifecycle_configuration.lifecycle_C'],
    });
  });

  test('an independent resource longer than any chain is the path on its own', () => {
    expect(criticalPath(resourceDurations(OUTPUT), resourceDependencies(STACK))).toEqual({
      ms: 62000,
      chain: ['aws_s3_bucket_versioning.versioning_D'],
    });
  });
});
