import type { ProjectConfig } from '../../config/types';
import {
  GITHUB_OIDC_AUDIENCE,
  deployRoleName,
  deployRoles,
  githubEnvironmentSubject,
  githubTrustPolicy,
} from '../../naming/deploy-roles';
import { validateProject } from '../../naming/project';
import { testConfig } from '../support/test-config';
import { TEST_ACCOUNT, decideTrust } from '../support/iam-simulator';

const PROVIDER = `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const REPOSITORY = 'acme-corp/platform';
const CI: ProjectConfig['ci'] = { github: { repository: REPOSITORY, protectedEnvironments: ['prod'] } };

/** GitHub's claims for a job: `sub` is the repository and either the environment or the ref/event. */
function token(sub: string, audience = GITHUB_OIDC_AUDIENCE): Record<string, string> {
  return { 'token.actions.githubusercontent.com:aud': audience, 'token.actions.githubusercontent.com:sub': sub };
}

describe('deploy roles', () => {
  test('none without ci', () => {
    expect(deployRoles(validateProject(testConfig()))).toEqual([]);
  });

  test('one per environment, <project>-deploy-<environment>, protected (reviewers) as configured, no workload policy by default', () => {
    expect(deployRoles(validateProject(testConfig({ ci: CI })))).toEqual([
      { environment: 'dev', roleName: 'acme-deploy-dev', protected: false, workloadPolicyArns: [] },
      { environment: 'prod', roleName: 'acme-deploy-prod', protected: true, workloadPolicyArns: [] },
    ]);
    expect(deployRoleName('acme', 'dev')).toBe('acme-deploy-dev');
  });

  test('hold the workload policies named for their environment, each once', () => {
    const policy = 'arn:aws:iam::111122223333:policy/dev-app';
    const project = validateProject(
      testConfig({ ci: { github: { repository: REPOSITORY, workloadPolicyArns: { dev: [policy, policy] } } } }),
    );
    expect(deployRoles(project).map((role) => role.workloadPolicyArns)).toEqual([[policy], []]);
  });
});

// Only here: moto verifies no web identity token and evaluates no trust policy (its STS grants any
// AssumeRole and AssumeRoleWithWebIdentity), so no e2e test can show a token refused.
describe('the trust policy (simulated STS evaluation of AssumeRoleWithWebIdentity)', () => {
  // Protected or not, every deploy role trusts only its GitHub environment: `protected` orders the
  // deploys in the workflow (required reviewers), it does not widen any trust.
  const dev = githubTrustPolicy({ repository: REPOSITORY }, { environment: 'dev' }, PROVIDER);
  const prod = githubTrustPolicy({ repository: REPOSITORY }, { environment: 'prod' }, PROVIDER);
  const role = (name: string) => `arn:aws:iam::${TEST_ACCOUNT}:role/${name}`;
  const assume = (policy: typeof dev, claims: Record<string, string>, provider = PROVIDER) =>
    decideTrust(policy, { provider, role: role('acme-deploy-x'), claims });

  test.each([
    ['dev', () => dev],
    ['prod', () => prod],
  ])('%s: admits only a job in the GitHub environment of its name, of the repository', (environment, policy) => {
    expect(assume(policy(), token(githubEnvironmentSubject(REPOSITORY, environment)))).toBe('Allowed');
  });

  test.each([
    ['a pull request', `repo:${REPOSITORY}:pull_request`],
    ['the main branch', `repo:${REPOSITORY}:ref:refs/heads/main`],
    ['another branch', `repo:${REPOSITORY}:ref:refs/heads/feature/x`],
    ['a tag', `repo:${REPOSITORY}:ref:refs/tags/v1.0.0`],
    ['another GitHub environment of the repository', `repo:${REPOSITORY}:environment:staging`],
    ['an environment whose name starts the same', `repo:${REPOSITORY}:environment:dev-eu`],
    ['the environment of the same name in another repository', 'repo:acme-corp/other:environment:dev'],
    ['a repository whose name starts the same', `repo:${REPOSITORY}-fork:environment:dev`],
    ['a fork under another owner', 'repo:someone/platform:environment:dev'],
    ['another case of the name', 'repo:ACME-CORP/platform:environment:dev'],
  ])("dev's role refuses %s", (_, sub) => {
    expect(assume(dev, token(sub))).toBe('ImplicitlyDenied');
  });

  test("prod's role refuses dev's environment, and dev's prod's", () => {
    expect(assume(prod, token(githubEnvironmentSubject(REPOSITORY, 'dev')))).toBe('ImplicitlyDenied');
    expect(assume(dev, token(githubEnvironmentSubject(REPOSITORY, 'prod')))).toBe('ImplicitlyDenied');
  });

  test.each([
    ['a token for another audience', token(`repo:${REPOSITORY}:environment:dev`, 'https://example.com')],
    ['a token without audience', { 'token.actions.githubusercontent.com:sub': `repo:${REPOSITORY}:environment:dev` }],
    ['a token without subject', { 'token.actions.githubusercontent.com:aud': GITHUB_OIDC_AUDIENCE }],
  ])('refuses %s', (_, claims) => {
    expect(assume(dev, claims)).toBe('ImplicitlyDenied');
  });

  test('refuses a token from another identity provider', () => {
    const other = `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/gitlab.com`;
    expect(assume(dev, token(`repo:${REPOSITORY}:environment:dev`), other)).toBe('ImplicitlyDenied');
  });

  test('matches the snapshot (a change detector; the simulations above say what must hold)', () => {
    expect({ dev, prod }).toMatchSnapshot();
  });
});
