import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';

export interface LockTableProps {
  readonly tableName: string;
  /** Customer-managed KMS key ARN; default is the AWS-managed `aws/dynamodb` key. */
  readonly kmsKeyArn?: string;
}

/** The hash key Terraform's S3 backend reads and writes. */
export const LOCK_TABLE_HASH_KEY = 'LockID';

/** The DynamoDB table Terraform's S3 backend takes its state locks in. */
export class LockTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: LockTableProps) {
    super(scope, id);
    this.table = new DynamodbTable(this, 'table', {
      name: props.tableName,
      hashKey: LOCK_TABLE_HASH_KEY,
      attribute: [{ name: LOCK_TABLE_HASH_KEY, type: 'S' }],
      // A handful of tiny items: on-demand costs cents; provisioned capacity would throttle busy CI.
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
      deletionProtectionEnabled: true,
      lifecycle: { preventDestroy: true },
    });
  }

}
