import { Testing } from 'cdktf';
import { LOCK_TABLE_HASH_KEY, LockTable, RetiredLockTable } from '../../constructs/lock-table';
import { synthConstruct, theResource } from '../support/synth-scope';

function table(kmsKeyArn?: string): Record<string, unknown> {
  return theResource(
    synthConstruct((scope) => {
      new LockTable(scope, 'locks', { tableName: 'acme-tfstate-lock', kmsKeyArn });
    }),
    'aws_dynamodb_table',
  );
}

describe('LockTable', () => {
  test('is keyed by the string attribute LockID, as the S3 backend expects', () => {
    expect(LOCK_TABLE_HASH_KEY).toBe('LockID');
    expect(table()).toMatchObject({
      name: 'acme-tfstate-lock',
      hash_key: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
    });
  });

  test('bills on demand', () => {
    expect(table().billing_mode).toBe('PAY_PER_REQUEST');
  });

  test('has point-in-time recovery, encryption and deletion protection', () => {
    expect(table()).toMatchObject({
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: true,
    });
  });

  test('uses the customer-managed key when one is given', () => {
    const arn = 'arn:aws:kms:eu-west-1:111122223333:key/abc';
    expect(table(arn).server_side_encryption).toEqual({ enabled: true, kms_key_arn: arn });
  });

  test('has prevent_destroy', () => {
    expect(table().lifecycle).toEqual({ prevent_destroy: true });
  });
});

describe('RetiredLockTable', () => {
  function synthesized(build: Parameters<typeof Testing.synthScope>[0]): Record<string, unknown> {
    return JSON.parse(Testing.synthScope(build)) as Record<string, unknown>;
  }

  test('forgets, without destroying, the table a LockTable with the same ID declared', () => {
    const managed = synthesized((scope) => {
      new LockTable(scope, 'locks', { tableName: 'acme-tfstate-lock' });
    }) as { resource: { aws_dynamodb_table: Record<string, unknown> } };
    const [tableId] = Object.keys(managed.resource.aws_dynamodb_table);
    let address = '';
    const retired = synthesized((scope) => {
      address = new RetiredLockTable(scope, 'locks').address;
    });
    expect(address).toBe(`aws_dynamodb_table.${tableId}`);
    expect(retired.removed).toEqual([{ from: address, lifecycle: { destroy: false } }]);
    expect(retired).not.toHaveProperty('resource');
  });

  test('needs Terraform 1.7 or later', () => {
    const retired = synthesized((scope) => {
      new RetiredLockTable(scope, 'locks');
    }) as { terraform?: { required_version?: string } };
    expect(retired.terraform?.required_version).toBe('>= 1.7.0');
  });
});
