import { DEFAULT_ACCESS_LOG_RETENTION_DAYS } from '../../../config/validate';
import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, untyped } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

const DAYS_RULE = 'the number of days to keep access logs must be a whole number from 1 to 36500';

test('off by default, with a year of retention once on', () => {
  expect(validateProject(testConfig()).config).toMatchObject({ stateAccessLogs: false });
  expect(validateProject(testConfig({ stateAccessLogs: true })).config).toMatchObject({
    stateAccessLogs: true,
    accessLogRetentionDays: DEFAULT_ACCESS_LOG_RETENTION_DAYS,
  });
  expect(DEFAULT_ACCESS_LOG_RETENTION_DAYS).toBe(365);
});

test.each([1, 90, 36500])('accepts %d days with the logs on', (days) => {
  expect(
    validateProject(testConfig({ stateAccessLogs: true, accessLogRetentionDays: days })).config.accessLogRetentionDays,
  ).toBe(days);
});

test.each([0, -3, 2.5, 36501, Infinity])('refuses %d days', (days) => {
  expectOnlyProblem(testConfig({ stateAccessLogs: true, accessLogRetentionDays: days }), {
    field: 'accessLogRetentionDays',
    value: days,
    rule: DAYS_RULE,
  });
});

test('refuses days given as text', () => {
  expectOnlyProblem(testConfig(untyped({ stateAccessLogs: true, accessLogRetentionDays: '30' })), {
    field: 'accessLogRetentionDays',
    value: '30',
    rule: DAYS_RULE,
  });
});

test.each([
  ['without stateAccessLogs', {}],
  ['with stateAccessLogs: false', { stateAccessLogs: false }],
])('refuses a retention %s: it would be ignored', (_, logs) => {
  expectOnlyProblem(testConfig({ ...logs, accessLogRetentionDays: 30 }), {
    field: 'accessLogRetentionDays',
    value: 30,
    rule: 'only applies with stateAccessLogs: true; without access logs it would be ignored',
  });
});

test.each([
  ['a string', 'yes'],
  ['a number', 1],
  ['null', null],
])('refuses stateAccessLogs that is %s', (_, value) => {
  expectOnlyProblem(testConfig(untyped({ stateAccessLogs: value })), {
    field: 'stateAccessLogs',
    value,
    rule: 'must be true or false',
  });
});

test('the log bucket name derived from the state bucket must be a valid bucket name', () => {
  expectOnlyProblem(testConfig({ stateBucketName: 'b'.repeat(60), stateAccessLogs: true }), {
    field: 'stateAccessLogs (log bucket name, derived from stateBucketName)',
    value: `${'b'.repeat(60)}-logs`,
    rule: 'S3 bucket names must be 3 to 63 characters long (this one has 65)',
  });
});
