import { awsErrorName, isMissingObject } from '../../../tools/aws/errors';

test('awsErrorName reads the name the SDK sets, and nothing from non-objects', () => {
  const conditional = Object.assign(new Error('The conditional request failed'), {
    name: 'ConditionalCheckFailedException',
  });
  expect(awsErrorName(conditional)).toBe('ConditionalCheckFailedException');
  expect(awsErrorName({ name: 'NoSuchKey' })).toBe('NoSuchKey');
  expect(awsErrorName('NoSuchKey')).toBeUndefined();
  expect(awsErrorName(null)).toBeUndefined();
  expect(awsErrorName({ name: 42 })).toBeUndefined();
});

test('isMissingObject: NoSuchKey (GetObject) and NotFound (HeadObject), nothing else', () => {
  expect(isMissingObject({ name: 'NoSuchKey' })).toBe(true);
  expect(isMissingObject({ name: 'NotFound' })).toBe(true);
  expect(isMissingObject({ name: 'NoSuchBucket' })).toBe(false);
  expect(isMissingObject(new Error('boom'))).toBe(false);
});
