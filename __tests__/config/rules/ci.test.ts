import type { GitHubCiConfig } from '../../../config/types';
import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, untyped } from '../../support/config-errors';
import { DEV_RUNNER, testConfig, threeAccounts } from '../../support/test-config';

const PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

function withGithub(github: Partial<GitHubCiConfig> & Record<string, unknown>) {
  return testConfig(untyped({ ci: { github: { repository: 'acme/platform', ...github } } }));
}

describe('ci', () => {
  test('is optional', () => {
    expect(validateProject(testConfig()).config.ci).toBeUndefined();
  });

  test('accepts a full GitHub setup', () => {
    const ci = {
      github: {
        repository: 'Acme-Corp/platform.infra_v2',
        oidcProviderArn: PROVIDER,
        protectedEnvironments: ['prod'],
        workloadPolicyArns: {
          dev: ['arn:aws:iam::111122223333:policy/teams/web/dev-deploy'],
          prod: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::111122223333:policy/prod-deploy'],
        },
        planPolicyArns: { prod: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'] },
        defaultBranch: 'trunk',
      },
    };
    expect(validateProject(testConfig({ ci })).config.ci).toEqual(ci);
  });

  test.each([
    ['not an object', 'acme/platform'],
    ['without github', {}],
    ['github not an object', { github: 'acme/platform' }],
  ])('must hold a github object: rejects %s', (_, ci) => {
    expectOnlyProblem(testConfig(untyped({ ci })), {
      field: 'ci',
      value: ci,
      rule: 'must be { github: { repository: "owner/name" } }',
    });
  });

  describe('repository', () => {
    test.each([
      ['no owner', 'platform'],
      ['a URL', 'https://github.com/acme/platform'],
      ['a trailing slash', 'acme/platform/'],
      ['three parts', 'acme/platform/infra'],
      ['an owner starting with a hyphen', '-acme/platform'],
      ['spaces', 'acme/my platform'],
      ['a wildcard', 'acme/*'],
      ['a name "."', 'acme/.'],
      ['an owner longer than 39 characters', `${'a'.repeat(40)}/platform`],
      ['a number', 42],
      ['nothing', undefined],
    ])('rejects %s', (_, repository) => {
      expectOnlyProblem(withGithub({ repository: repository as string }), {
        field: 'ci.github.repository',
        value: repository,
        rule: 'must be a GitHub repository as "owner/name"',
      });
    });
  });

  describe('oidcProviderArn', () => {
    test.each([
      ['a role ARN', 'arn:aws:iam::111122223333:role/github'],
      ['another provider', 'arn:aws:iam::111122223333:oidc-provider/gitlab.com'],
      ['the provider URL', 'https://token.actions.githubusercontent.com'],
      ['a short account ID', 'arn:aws:iam::1111:oidc-provider/token.actions.githubusercontent.com'],
    ])('rejects %s', (_, arn) => {
      expectOnlyProblem(withGithub({ oidcProviderArn: arn }), {
        field: 'ci.github.oidcProviderArn',
        value: arn,
        rule: "must be the ARN of the account's GitHub OIDC identity provider",
      });
    });

    test('rejects a provider of another account than accountId', () => {
      const arn = 'arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com';
      expectOnlyProblem(withGithub({ oidcProviderArn: arn }), {
        field: 'ci.github.oidcProviderArn',
        value: arn,
        rule: 'must be in account 111122223333 (accountId): a role trusts only identity providers of its own account',
      });
    });

    test('accepts another partition', () => {
      const arn = 'arn:aws-us-gov:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
      expect(validateProject(withGithub({ oidcProviderArn: arn })).config.ci?.github.oidcProviderArn).toBe(arn);
    });
  });

  describe('protectedEnvironments', () => {
    test('rejects an environment that is not configured, naming the ones that are', () => {
      expectOnlyProblem(withGithub({ protectedEnvironments: ['prod', 'production'] }), {
        field: 'ci.github.protectedEnvironments[1]',
        value: 'production',
        rule: 'must be a configured environment (dev, prod)',
      });
    });

    test('rejects a list that is not one', () => {
      expectOnlyProblem(withGithub({ protectedEnvironments: 'prod' as unknown as string[] }), {
        field: 'ci.github.protectedEnvironments',
        value: 'prod',
        rule: 'must be a list of environment names',
      });
    });
  });

  describe.each(['workloadPolicyArns', 'planPolicyArns'] as const)('%s', (key) => {
    test.each([
      ['a role ARN', 'arn:aws:iam::111122223333:role/deploy'],
      ['a policy name', 'AdministratorAccess'],
      ['an S3 ARN', 'arn:aws:s3:::bucket'],
      ['a wildcard', 'arn:aws:iam::111122223333:policy/*'],
      ['a short account ID', 'arn:aws:iam::1111:policy/deploy'],
    ])('rejects %s, naming the environment and the position', (_, arn) => {
      expectOnlyProblem(withGithub({ [key]: { dev: ['arn:aws:iam::aws:policy/ReadOnlyAccess', arn] } }), {
        field: `ci.github.${key}.dev[1]`,
        value: arn,
        rule: 'must be an IAM managed policy ARN',
      });
    });

    test("rejects a policy of another account than the CI roles': IAM would not attach it", () => {
      const arn = 'arn:aws:iam::444455556666:policy/dev-deploy';
      expectOnlyProblem(withGithub({ [key]: { dev: [arn] } }), {
        field: `ci.github.${key}.dev[0]`,
        value: arn,
        rule: 'must be a policy of account 111122223333 (accountId, where the CI roles are) or an AWS managed policy',
      });
    });

    test('rejects an environment that is not configured', () => {
      const arns = ['arn:aws:iam::aws:policy/ReadOnlyAccess'];
      expectOnlyProblem(withGithub({ [key]: { staging: arns } }), {
        field: `ci.github.${key}.staging`,
        value: arns,
        rule: '"staging" is not a configured environment (dev, prod)',
      });
    });

    test('rejects a single ARN where a list belongs', () => {
      const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
      expectOnlyProblem(withGithub({ [key]: { dev: arn as unknown as string[] } }), {
        field: `ci.github.${key}.dev`,
        value: arn,
        rule: 'must be a list of IAM policy ARNs',
      });
    });
  });

  describe('defaultBranch', () => {
    test.each(['main', 'master', 'release/2.x', 'trunk_v1'])('accepts %j', (defaultBranch) => {
      expect(validateProject(withGithub({ defaultBranch })).config.ci?.github.defaultBranch).toBe(defaultBranch);
    });

    test.each([
      ['a wildcard', 'release/*'],
      ['a question mark', 'mai?'],
      ['a space', 'my branch'],
      ['"..', 'a..b'],
      ['a leading slash', '/main'],
      ['a trailing slash', 'main/'],
      ['a leading hyphen', '-main'],
      ['".lock" at the end', 'main.lock'],
      ['a full ref', 'refs/heads/main:x'],
      ['nothing', ''],
      ['a number', 1],
    ])('rejects %s', (_, defaultBranch) => {
      expectOnlyProblem(withGithub({ defaultBranch: defaultBranch as string }), {
        field: 'ci.github.defaultBranch',
        value: defaultBranch,
        rule: 'must be a branch name, e.g. "main"',
      });
    });
  });

  test("needs the state account: the workflows take the roles' ARNs from the configuration", () => {
    expectOnlyProblem(
      testConfig(
        untyped({
          accountId: undefined,
          stateBucketName: 'acme-state',
          ci: { github: { repository: 'acme/platform' } },
        }),
      ),
      { field: 'accountId', value: undefined, rule: 'with ci, set accountId' },
    );
  });

  test('reports every broken field at once', () => {
    const config = withGithub({
      repository: 'platform',
      protectedEnvironments: ['qa'],
      workloadPolicyArns: { dev: ['admin'] },
    });
    expect(() => validateProject(config)).toThrow(
      /ci\.github\.repository = "platform"[\s\S]*ci\.github\.protectedEnvironments\[0\] = "qa"[\s\S]*ci\.github\.workloadPolicyArns\.dev\[0\] = "admin"/,
    );
  });
});

describe('ci with environments in accounts of their own', () => {
  const ci = { github: { repository: 'acme/platform' } };

  test('validates when each names the role its provider assumes there', () => {
    expect(validateProject(threeAccounts({ ci })).config.ci).toEqual(ci);
  });

  test('refuses one without a deploy role: the CI roles, in the state account, could not reach it', () => {
    const config = threeAccounts({ ci });
    expectOnlyProblem(
      {
        ...config,
        environments: {
          ...config.environments,
          dev: { region: 'eu-west-1', accountId: '222222222222', stateAccessPrincipals: [DEV_RUNNER] },
        },
      },
      {
        field: 'environments.dev.deployRoleArn',
        value: undefined,
        rule: 'with ci, an environment in another account (222222222222) needs a role there for Terraform',
      },
    );
  });
});
