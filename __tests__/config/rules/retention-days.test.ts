import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, untyped } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

const RULE = 'the number of days to keep replaced state versions must be a whole number from 1 to 36500';

test.each([1, 7, 36500])('accepts %d days', (days) => {
  expect(
    validateProject(testConfig({ noncurrentVersionRetentionDays: days })).config.noncurrentVersionRetentionDays,
  ).toBe(days);
});

test.each([0, -1, 1.5, 36501, Infinity])('rejects %d days', (days) => {
  expectOnlyProblem(testConfig({ noncurrentVersionRetentionDays: days }), {
    field: 'noncurrentVersionRetentionDays',
    value: days,
    rule: RULE,
  });
});

test.each([
  ['a string', '30'],
  ['null', null],
])('rejects %s', (_, days) => {
  expectOnlyProblem(testConfig(untyped({ noncurrentVersionRetentionDays: days })), {
    field: 'noncurrentVersionRetentionDays',
    value: days,
    rule: RULE,
  });
});
