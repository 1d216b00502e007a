import type { LockingMode, ProjectConfig, StateEncryption } from '../../config/types';
import { GITHUB_OIDC_AUDIENCE } from '../../naming/deploy-roles';
import { requireEnvironment } from '../../naming/environments';
import { policyDocument } from '../../naming/iam-policy';
import {
  githubPlanTrustPolicy,
  planAccessPolicy,
  planPolicyName,
  planPolicyOf,
  planRoleName,
  planRoles,
  plannableEnvironments,
} from '../../naming/plan-roles';
import { validateProject } from '../../naming/project';
import { backendRequests, isStateWrite } from '../support/backend-requests';
import { TEST_ACCOUNT, decide, decideTrust, type SimulatedRequest } from '../support/iam-simulator';
import { testConfig, threeAccounts } from '../support/test-config';

const PROVIDER = `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const REPOSITORY = 'acme-corp/platform';
const CI: ProjectConfig['ci'] = { github: { repository: REPOSITORY } };
const KEY_ARN = `arn:aws:kms:eu-west-1:${TEST_ACCOUNT}:key/0d3b5c1e-7f7a-4a63-9f3e-2f9c2b0c1a11`;
const TARGET = { accountId: TEST_ACCOUNT, stateKeyArn: KEY_ARN };
const MODES: readonly LockingMode[] = ['dynamodb', 'dynamodb+s3', 's3'];
const ENCRYPTIONS: readonly StateEncryption[] = ['aws-managed', 'customer-managed'];

describe('plan roles', () => {
  test('none without ci', () => {
    expect(planRoles(validateProject(testConfig()))).toEqual([]);
  });

  test('one per environment, <project>-plan-<environment> holding <project>-tfplan-<environment>, no read policy by default', () => {
    const policy = 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess';
    const project = validateProject(
      testConfig({ ci: { github: { repository: REPOSITORY, planPolicyArns: { prod: [policy, policy] } } } }),
    );
    expect(planRoles(project)).toEqual([
      { environment: 'dev', roleName: 'acme-plan-dev', policyName: 'acme-tfplan-dev', planPolicyArns: [] },
      { environment: 'prod', roleName: 'acme-plan-prod', policyName: 'acme-tfplan-prod', planPolicyArns: [policy] },
    ]);
    expect([planRoleName('acme', 'dev'), planPolicyName('acme', 'dev')]).toEqual(['acme-plan-dev', 'acme-tfplan-dev']);
  });

  test('plan every environment whose state they reach with their own policy: not one in another account', () => {
    expect(plannableEnvironments(validateProject(testConfig({ ci: CI })))).toEqual(['dev', 'prod']);
    expect(plannableEnvironments(validateProject(threeAccounts({ ci: CI })))).toEqual([]);
  });
});

// Only here: moto verifies no web identity token and evaluates no trust policy (its STS grants any
// AssumeRole and AssumeRoleWithWebIdentity), so no e2e test can show a token refused.
describe('the trust policy (simulated STS evaluation of AssumeRoleWithWebIdentity)', () => {
  const trust = githubPlanTrustPolicy({ repository: REPOSITORY }, PROVIDER);
  const assume = (claims: Record<string, string>, policy = trust, provider = PROVIDER) =>
    decideTrust(policy, { provider, role: `arn:aws:iam::${TEST_ACCOUNT}:role/acme-plan-dev`, claims });
  const token = (sub: string, aud = GITHUB_OIDC_AUDIENCE) => ({
    'token.actions.githubusercontent.com:aud': aud,
    'token.actions.githubusercontent.com:sub': sub,
  });

  test.each([
    ["a pull request's job", `repo:${REPOSITORY}:pull_request`],
    [
      'a job on the default branch that names no GitHub environment (the scheduled drift check)',
      `repo:${REPOSITORY}:ref:refs/heads/main`,
    ],
  ])('admits %s', (_, sub) => {
    expect(assume(token(sub))).toBe('Allowed');
  });

  test.each([
    ['another branch', `repo:${REPOSITORY}:ref:refs/heads/feature/x`],
    ['a branch whose name starts like the default one', `repo:${REPOSITORY}:ref:refs/heads/main-old`],
    ['a tag', `repo:${REPOSITORY}:ref:refs/tags/v1.0.0`],
    ['a job in a GitHub environment (a deploy)', `repo:${REPOSITORY}:environment:dev`],
    ["another repository's pull request", 'repo:acme-corp/other:pull_request'],
    ["a fork's pull request under another owner", 'repo:someone/platform:pull_request'],
  ])('refuses %s', (_, sub) => {
    expect(assume(token(sub))).toBe('ImplicitlyDenied');
  });

  test('refuses another audience, and another identity provider', () => {
    expect(assume(token(`repo:${REPOSITORY}:pull_request`, 'https://example.com'))).toBe('ImplicitlyDenied');
    const gitlab = `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/gitlab.com`;
    expect(assume(token(`repo:${REPOSITORY}:pull_request`), trust, gitlab)).toBe('ImplicitlyDenied');
  });

  test('follows ci.github.defaultBranch', () => {
    const trunk = githubPlanTrustPolicy({ repository: REPOSITORY, defaultBranch: 'trunk' }, PROVIDER);
    expect(assume(token(`repo:${REPOSITORY}:ref:refs/heads/trunk`), trunk)).toBe('Allowed');
    expect(assume(token(`repo:${REPOSITORY}:ref:refs/heads/main`), trunk)).toBe('ImplicitlyDenied');
  });
});

describe.each(ENCRYPTIONS.flatMap((encryption) => MODES.map((mode) => [mode, encryption] as const)))(
  'the plan policy in %s locking mode, %s key (simulated IAM evaluation)',
  (locking, stateEncryption) => {
    const project = validateProject(testConfig({ locking, stateEncryption, ci: CI }));
    const plan = planAccessPolicy(project, 'dev', TARGET);
    const requests = backendRequests(project, requireEnvironment(project, 'dev').names, TARGET);
    const byWhat = (list: readonly SimulatedRequest[]) => list.map((request) => [request.what, request] as const);

    test.each(byWhat(requests.filter((request) => !isStateWrite(request))))(
      'allows a plan its %s',
      async (_, request) => {
        expect(await decide([plan], request)).toBe('Allowed');
      },
    );

    test.each(byWhat(requests.filter(isStateWrite)))('refuses the %s', async (_, request) => {
      expect(await decide([plan], request)).toBe('ImplicitlyDenied');
    });
  },
);

test('a statement the plan policy has not decided on stops the synth', () => {
  const statePolicy = policyDocument([{ Sid: 'SomethingNew', Effect: 'Allow', Action: 's3:GetObject', Resource: 'x' }]);
  expect(() => planPolicyOf(statePolicy)).toThrow(/statement "SomethingNew" is not known here/);
});
