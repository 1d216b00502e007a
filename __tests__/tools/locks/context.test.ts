import { awsLockToolContext } from '../../../tools/locks/context';
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
