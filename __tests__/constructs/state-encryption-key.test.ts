import { StateEncryptionKey } from '../../constructs/state-encryption-key';
import { synthConstruct, theResource } from '../support/synth-scope';

describe('StateEncryptionKey', () => {
  const resources = synthConstruct((scope) => {
    new StateEncryptionKey(scope, 'key', { alias: 'alias/acme-tfstate' });
  });

  test('rotates yearly, has the longest deletion window and prevent_destroy', () => {
    expect(theResource(resources, 'aws_kms_key')).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('has the alias the backends refer to', () => {
    const [keyId] = Object.keys(resources.aws_kms_key ?? {});
    expect(theResource(resources, 'aws_kms_alias')).toMatchObject({
      name: 'alias/acme-tfstate',
      target_key_id: `\${aws_kms_key.${keyId}.key_id}`,
    });
  });
});
