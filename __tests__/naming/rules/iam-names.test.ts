import { validateProject } from '../../../naming/project';
import { expectOnlyProblem } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

describe('names that end up in IAM', () => {
  test.each([
    ['a wildcard', 'teams/*/dev.tfstate'],
    ['a single-character wildcard', 'dev?.tfstate'],
    ['a policy variable', 'dev/${aws:username}.tfstate'],
  ])('a state key with %s is refused: the state policy would reach other keys', (_, stateKey) => {
    expectOnlyProblem(testConfig({ environments: { dev: { region: 'eu-west-1', stateKey } } }), {
      field: 'environments.dev.stateKey',
      value: stateKey,
      rule: 'a state key must not contain "*", "?" or "$"',
    });
  });

  test('a deploy role name longer than IAM allows (64) is refused when ci is set, with its length', () => {
    const project = 'a'.repeat(32);
    const environment = `e${'x'.repeat(24)}`; // 32 + "-deploy-" + 25 = 65
    const config = testConfig({
      project,
      environments: { [environment]: { region: 'eu-west-1' } },
      ci: { github: { repository: 'acme/platform' } },
    });
    expectOnlyProblem(config, {
      field: `environments.${environment} (deploy role name, ci.github)`,
      value: `${project}-deploy-${environment}`,
      rule: 'IAM role names are at most 64 characters (this one has 65)',
    });
  });

  test('the same names are fine without ci, and at 64 characters', () => {
    const project = 'a'.repeat(32);
    const environments = { [`e${'x'.repeat(23)}`]: { region: 'eu-west-1' } };
    expect(() =>
      validateProject(testConfig({ project, environments: { [`e${'x'.repeat(24)}`]: { region: 'eu-west-1' } } })),
    ).not.toThrow();
    expect(() =>
      validateProject(testConfig({ project, environments, ci: { github: { repository: 'a/b' } } })),
    ).not.toThrow();
  });
});
