import type { EnvironmentConfig } from '../../../config/types';
import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, expectProblem } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

const RULE =
  'environment names must be 1 to 32 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen';
const ENVIRONMENT: EnvironmentConfig = { region: 'eu-west-1' };

function withEnvironment(name: string) {
  return testConfig({ environments: { [name]: ENVIRONMENT } });
}

test.each([
  ['1 character (the minimum)', 'e'],
  ['32 characters (the maximum)', 'e'.repeat(32)],
  ['digits and hyphens', 'prod-eu-1'],
  ['a double hyphen', 'blue--green'],
])('accepts %s', (_, name) => {
  expect(Object.keys(validateProject(withEnvironment(name)).names.environments)).toEqual([name]);
});

test.each([
  ['empty', ''],
  ['too long', 'e'.repeat(33)],
  ['upper case', 'Dev'],
  ['starting with a digit', '1dev'],
  ['starting with a hyphen', '-dev'],
  ['ending with a hyphen', 'dev-'],
  ['an underscore', 'dev_1'],
  ['a dot', 'dev.1'],
  ['a slash', 'dev/1'],
])('rejects an environment name that is %s (%j)', (_, name) => {
  expectOnlyProblem(withEnvironment(name), { field: `environments.${name}`, value: name, rule: RULE });
});

test('"bootstrap" is reserved for the stack that creates the state storage', () => {
  expectOnlyProblem(withEnvironment('bootstrap'), {
    field: 'environments.bootstrap',
    value: 'bootstrap',
    rule: '"bootstrap" is the name of the stack that creates the state storage; choose another environment name',
  });
});

test('names that merely contain "bootstrap" are allowed', () => {
  expect(() => validateProject(withEnvironment('bootstrap-2'))).not.toThrow();
});

test('every bad environment name is reported', () => {
  const error = expectProblem(
    testConfig({ environments: { Dev: ENVIRONMENT, bootstrap: ENVIRONMENT, prod: ENVIRONMENT } }),
    { field: 'environments.Dev', value: 'Dev', rule: RULE },
  );
  expect(error.problems.map((p) => p.field)).toEqual(['environments.Dev', 'environments.bootstrap']);
});

test('an empty environments object is rejected', () => {
  expectOnlyProblem(testConfig({ environments: {} }), {
    field: 'environments',
    value: {},
    rule: 'at least one environment is required',
  });
});
