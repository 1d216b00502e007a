import { awsLockToolContext } from '../../../tools/locks/context';
import { validateProject } from '../../../naming/project';
import type { LockStore } from '../../../tools/locks/lock-store';
import { PerEnvironmentLockStore } from '../../../tools/locks/per-environment-store';
import { testConfig, threeAccounts } from '../../support/test-config';
import { testProject } from './support/lock-fixtures';

// Builds clients only; nothing here sends a request.
test('targets the project state bucket and lock table in the state region', () => {
  const context = awsLockToolContext(testProject(), {});
  expect(context.store.location).toEqual({
    bucket: 'acme-tfstate-111122223333-eu-west-1',
    table: 'acme-tfstate-lock',
    region: 'eu-west-1',
  });
  expect(context.now()).toBeInstanceOf(Date);
});

test('says when it talks to the emulator from AWS_ENDPOINT_URL', () => {
  const context = awsLockToolContext(testProject(), { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000/' });
  expect(context.store.location.endpoint).toBe('http://127.0.0.1:5000');
});

describe('an environment in another account', () => {
  test("is reached through its state role, the others directly: every key of it goes to that environment's store", async () => {
    const calls: string[] = [];
    const store = (name: string) =>
      ({
        location: { bucket: 'b', table: 't', region: 'eu-west-1' },
        readLockItem: async (id: string) => {
          calls.push(`${name}:${id}`);
          return undefined;
        },
        readLockfile: async (key: string) => {
          calls.push(`${name}:${key}`);
          return undefined;
        },
      }) as unknown as LockStore;
    const routed = new PerEnvironmentLockStore(store('direct'), [
      { keys: ['b/dev/terraform.tfstate', 'dev/terraform.tfstate.tflock'], store: store('dev-role') },
    ]);
    await routed.readLockItem('b/dev/terraform.tfstate');
    await routed.readLockfile('dev/terraform.tfstate.tflock');
    await routed.readLockItem('b/prod/terraform.tfstate');
    expect(calls).toEqual([
      'dev-role:b/dev/terraform.tfstate',
      'dev-role:dev/terraform.tfstate.tflock',
      'direct:b/prod/terraform.tfstate',
    ]);
  });

  test('awsLockToolContext routes a three-account project through the state roles', () => {
    const context = awsLockToolContext(validateProject(threeAccounts()), {});
    expect(context.store.constructor.name).toBe('PerEnvironmentStateStore');
    expect(awsLockToolContext(validateProject(testConfig()), {}).store.constructor.name).toBe('AwsStateStore');
  });
});
