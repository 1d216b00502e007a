import { backendSettings } from '../../naming/backend-settings';
import { validateProject } from '../../naming/project';
import {
  ciDeployRoleArn,
  crossAccountEnvironments,
  environmentDeployRoleTrustPolicy,
  environmentAccount,
  stateRoleArn,
  stateRolePrincipals,
  stateRoleTrustPolicy,
} from '../../naming/state-roles';
import { DEV_RUNNER, PROD_RUNNER, STATE_ACCOUNT as STATE, testConfig, threeAccounts } from '../support/test-config';
import { decideAssumeRole } from '../support/iam-simulator';

describe('environments in accounts of their own', () => {
  const project = validateProject(threeAccounts());

  test('each reaches its state through its own role in the state account', () => {
    expect(crossAccountEnvironments(project)).toEqual(['dev', 'prod']);
    expect(stateRoleArn(project, 'dev')).toBe(`arn:aws:iam::${STATE}:role/acme-tfstate-dev`);
    expect(backendSettings(project, 'dev').assume_role).toEqual({
      role_arn: `arn:aws:iam::${STATE}:role/acme-tfstate-dev`,
    });
    expect(environmentAccount(project, 'prod')).toBe('333333333333');
  });

  test('none in the shipped single-account layout: no role, no assume_role', () => {
    const single = validateProject(testConfig());
    expect(crossAccountEnvironments(single)).toEqual([]);
    expect(backendSettings(single, 'dev')).not.toHaveProperty('assume_role');
  });

  test("with ci, the environment's CI deploy role may assume its state role too", () => {
    const withCi = validateProject(threeAccounts({ ci: { github: { repository: 'acme/platform' } } }));
    const ciRole = ciDeployRoleArn(withCi, 'dev');
    expect(ciRole).toBe(`arn:aws:iam::${STATE}:role/acme-deploy-dev`);
    expect(stateRolePrincipals(withCi, 'dev', ciRole)).toEqual([DEV_RUNNER, ciRole]);
  });

  test('the CI deploy role named in the configuration too is written once, as the reference', () => {
    const base = threeAccounts({ ci: { github: { repository: 'acme/platform' } } });
    const byHand = `arn:aws:iam::${STATE}:role/acme-deploy-dev`;
    const withCi = validateProject({
      ...base,
      environments: {
        ...base.environments,
        dev: { ...base.environments.dev!, stateAccessPrincipals: [DEV_RUNNER, byHand] },
      },
    });
    expect(stateRolePrincipals(withCi, 'dev', '${aws_iam_role.ci.arn}')).toEqual([
      DEV_RUNNER,
      '${aws_iam_role.ci.arn}',
    ]);
  });

  test('the CI deploy role is passed exactly when ci is configured (a programming error otherwise)', () => {
    const withCi = validateProject(threeAccounts({ ci: { github: { repository: 'acme/platform' } } }));
    expect(() => stateRolePrincipals(withCi, 'dev', undefined)).toThrow(/exactly when ci is configured/);
    expect(() => stateRolePrincipals(project, 'dev', 'arn:aws:iam::1:role/x')).toThrow(/exactly when ci/);
  });

  test("the trust dev's deployRoleArn must carry in dev's account: dev's runners, and with ci its CI deploy role", () => {
    expect(environmentDeployRoleTrustPolicy(project, 'dev').Statement).toEqual([
      { Sid: 'NamedPrincipalsOnly', Effect: 'Allow', Principal: { AWS: DEV_RUNNER }, Action: 'sts:AssumeRole' },
    ]);
    const withCi = validateProject(threeAccounts({ ci: { github: { repository: 'acme/platform' } } }));
    expect(environmentDeployRoleTrustPolicy(withCi, 'dev').Statement[0]?.Principal).toEqual({
      AWS: [DEV_RUNNER, `arn:aws:iam::${STATE}:role/acme-deploy-dev`],
    });
  });
});

describe("a state role's trust (simulated sts:AssumeRole)", () => {
  const project = validateProject(threeAccounts());
  const devRole = stateRoleArn(project, 'dev');
  const devTrust = stateRoleTrustPolicy(stateRolePrincipals(project, 'dev', undefined));

  test('admits the principals configured for that environment', async () => {
    expect(await decideAssumeRole(devTrust, { principal: DEV_RUNNER, role: devRole })).toBe('Allowed');
  });

  test.each([
    ["prod's runner (a dev run cannot reach prod's state, nor prod dev's)", PROD_RUNNER],
    ['another role of the dev account', 'arn:aws:iam::222222222222:role/developer'],
    ['a role of the state account', `arn:aws:iam::${STATE}:role/admin`],
    ['a stranger', 'arn:aws:iam::999999999999:role/terraform-deploy'],
  ])('refuses %s', async (_, principal) => {
    expect(await decideAssumeRole(devTrust, { principal, role: devRole })).toBe('ImplicitlyDenied');
  });

  test("prod's role admits prod's runner and not dev's", async () => {
    const prodTrust = stateRoleTrustPolicy(stateRolePrincipals(project, 'prod', undefined));
    const prodRole = stateRoleArn(project, 'prod');
    expect(await decideAssumeRole(prodTrust, { principal: PROD_RUNNER, role: prodRole })).toBe('Allowed');
    expect(await decideAssumeRole(prodTrust, { principal: DEV_RUNNER, role: prodRole })).toBe('ImplicitlyDenied');
  });
});
