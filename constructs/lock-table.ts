import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

export interface LockTableProps {
  readonly tableName: string;
  /** Customer-managed KMS key ARN; default is the AWS-managed `aws/dynamodb` key. */
  readonly kmsKeyArn?: string;
}

/** The hash key Terraform's S3 backend reads and writes. */
export const LOCK_TABLE_HASH_KEY = 'LockID';

/** The construct ID of the table inside LockTable: part of its Terraform address, so never renamed. */
const TABLE_ID = 'table';

/** Terraform 1.7 introduced `removed` blocks. */
export const REMOVED_BLOCK_MIN_TERRAFORM = '>= 1.7.0';

/** The DynamoDB table Terraform's S3 backend takes its state locks in. */
export class LockTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: LockTableProps) {
    super(scope, id);
    this.table = new DynamodbTable(this, TABLE_ID, {
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

/**
 * Where a LockTable used to be, once the table is retired (`s3` locking only): a Terraform
 * `removed` block with `destroy = false` at the address the table had, so Terraform forgets the
 * table and leaves it, with its deletion protection, in AWS. Deleting it is a separate, manual
 * step (docs/retiring-the-lock-table.md). Give it the ID the LockTable had, or the address will not match.
 */
export class RetiredLockTable extends Construct {
  /** The table's Terraform address, e.g. `aws_dynamodb_table.lock-table_D28631D7`. */
  readonly address: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    // An empty construct at the table's path: the logical ID is derived from the path alone.
    const placeholder = new Construct(this, TABLE_ID);
    this.address = `${DynamodbTable.tfResourceType}.${stack.getLogicalId(placeholder.node)}`;
    // cdktf 0.21 has no construct for `removed` blocks; Terraform reads this JSON form (1.7+).
    stack.addOverride('removed', [{ from: this.address, lifecycle: { destroy: false } }]);
    stack.addOverride('terraform.required_version', REMOVED_BLOCK_MIN_TERRAFORM);
  }
}
