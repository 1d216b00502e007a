import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, untyped } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

const RULE =
  'the project name must be 2 to 32 characters of lowercase letters, digits and single hyphens, starting with a letter and ending with a letter or digit';

test.each([
  ['2 characters (the minimum)', 'ab'],
  ['32 characters (the maximum)', 'p'.repeat(32)],
  ['digits and single hyphens', 'acme-platform-2'],
  ['ending with a digit', 'a1'],
])('accepts %s', (_, project) => {
  expect(validateProject(testConfig({ project })).config.project).toBe(project);
});

test.each([
  ['too short', 'a'],
  ['too long', 'p'.repeat(33)],
  ['empty', ''],
  ['upper case', 'Acme'],
  ['starting with a digit', '1acme'],
  ['starting with a hyphen', '-acme'],
  ['ending with a hyphen', 'acme-'],
  ['a double hyphen', 'ac--me'],
  ['an underscore', 'ac_me'],
  ['a dot', 'ac.me'],
  ['a space', 'ac me'],
])('rejects a project name that is %s (%j)', (_, project) => {
  expectOnlyProblem(testConfig({ project }), { field: 'project', value: project, rule: RULE });
});

test.each([
  ['a number', 42],
  ['missing', undefined],
])('rejects a project name that is %s', (_, project) => {
  expectOnlyProblem(testConfig(untyped({ project })), { field: 'project', value: project, rule: RULE });
});
