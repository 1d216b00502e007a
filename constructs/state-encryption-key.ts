import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';

export interface StateEncryptionKeyProps {
  /** `alias/...` name; the environments' backends refer to the key by it. */
  readonly alias: string;
}

/** Customer-managed KMS key for state at rest (bucket and lock table), rotated yearly. */
export class StateEncryptionKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: StateEncryptionKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, 'key', {
      description: 'Encrypts Terraform state and its lock table',
      enableKeyRotation: true,
      // The longest window: a scheduled deletion of the key that protects all state can be cancelled for 30 days.
      deletionWindowInDays: 30,
      lifecycle: { preventDestroy: true },
    });
    // The backends name the key by its alias: removing it breaks every state write.
    new KmsAlias(this, 'alias', {
      name: props.alias,
      targetKeyId: this.key.keyId,
      lifecycle: { preventDestroy: true },
    });
  }
}
