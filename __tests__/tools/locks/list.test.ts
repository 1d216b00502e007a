import { listLocks } from '../../../tools/locks/list';
import { holdLock, lockFixture } from './support/lock-fixtures';

test('lists every environment in configuration order, free or held', async () => {
  const fixture = lockFixture('dynamodb+s3');
  holdLock(fixture, 'prod');
  const statuses = await listLocks(fixture.context);
  expect(statuses.map((status) => [status.target.environment, status.locks.map((lock) => lock.heldBy)])).toEqual([
    ['dev', []],
    ['prod', [['dynamodb', 's3']]],
  ]);
});

test('lists one environment when asked, and rejects an unknown one', async () => {
  const fixture = lockFixture();
  expect((await listLocks(fixture.context, 'prod')).map((status) => status.target.environment)).toEqual(['prod']);
  await expect(listLocks(fixture.context, 'qa')).rejects.toThrow('unknown environment "qa"');
});
