import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, untyped } from '../../support/config-errors';
import { DEV_DEPLOYER, testConfig, threeAccounts } from '../../support/test-config';

function withDev(dev: Record<string, unknown>) {
  return testConfig(untyped({ accountId: '111111111111', environments: { dev: { region: 'eu-west-1', ...dev } } }));
}

describe('environments in accounts of their own', () => {
  test('the three-account layout validates', () => {
    expect(validateProject(threeAccounts()).config.environments.prod?.accountId).toBe('333333333333');
  });

  test('an environment in the state account may name a deploy role of that account, and no principals', () => {
    const project = validateProject(withDev({ deployRoleArn: 'arn:aws:iam::111111111111:role/deployer' }));
    expect(project.config.environments.dev?.deployRoleArn).toBe('arn:aws:iam::111111111111:role/deployer');
  });

  test.each([['22222222222'], [222222222222], ['2222-2222-2222']])('refuses the account ID %j', (accountId) => {
    expectOnlyProblem(withDev({ accountId, stateAccessPrincipals: [DEV_DEPLOYER] }), {
      field: 'environments.dev.accountId',
      value: accountId,
      rule: 'exactly 12 digits',
    });
  });

  test.each([
    ['not an ARN', 'terraform-deploy'],
    ['a user, not a role', 'arn:aws:iam::222222222222:user/deployer'],
    ['a role ARN without a name', 'arn:aws:iam::222222222222:role/'],
  ])('refuses a deploy role that is %s', (_, deployRoleArn) => {
    expectOnlyProblem(withDev({ accountId: '222222222222', deployRoleArn, stateAccessPrincipals: [DEV_DEPLOYER] }), {
      field: 'environments.dev.deployRoleArn',
      value: deployRoleArn,
      rule: 'must be an IAM role ARN',
    });
  });

  test('refuses a deploy role in another account than the one it claims to deploy', () => {
    const deployRoleArn = 'arn:aws:iam::333333333333:role/terraform-deploy';
    expectOnlyProblem(withDev({ accountId: '222222222222', deployRoleArn, stateAccessPrincipals: [DEV_DEPLOYER] }), {
      field: 'environments.dev.deployRoleArn',
      value: deployRoleArn,
      rule: "names account 333333333333, but the environment's resources are in account 222222222222",
    });
  });

  test("the bootstrap's deploy role must be in the state account", () => {
    const deployRoleArn = 'arn:aws:iam::222222222222:role/bootstrap';
    expectOnlyProblem(testConfig({ accountId: '111111111111', deployRoleArn }), {
      field: 'deployRoleArn',
      value: deployRoleArn,
      rule: "names account 222222222222, but the environment's resources are in account 111111111111",
    });
  });

  test('an environment in another account must say who reaches its state', () => {
    expectOnlyProblem(withDev({ accountId: '222222222222' }), {
      field: 'environments.dev.stateAccessPrincipals',
      value: undefined,
      rule: 'the environment is in account 222222222222, its state in 111111111111: name who may assume its state role there',
    });
  });

  test('principals only for an environment in another account', () => {
    expectOnlyProblem(withDev({ stateAccessPrincipals: [DEV_DEPLOYER] }), {
      field: 'environments.dev.stateAccessPrincipals',
      value: [DEV_DEPLOYER],
      rule: 'only for an environment in another account than the state',
    });
  });

  test.each([
    ['an empty list', []],
    ['not a list', DEV_DEPLOYER],
  ])('refuses principals given as %s', (_, stateAccessPrincipals) => {
    expectOnlyProblem(withDev({ accountId: '222222222222', stateAccessPrincipals }), {
      field: 'environments.dev.stateAccessPrincipals',
      value: stateAccessPrincipals,
      rule: 'must be a non-empty list of IAM principal ARNs',
    });
  });

  test.each(['*', 'arn:aws:iam::222222222222:group/admins', '222222222222'])(
    'refuses the principal %j',
    (principal) => {
      expectOnlyProblem(withDev({ accountId: '222222222222', stateAccessPrincipals: [principal] }), {
        field: 'environments.dev.stateAccessPrincipals[0]',
        value: principal,
        rule: 'must be the ARN of an IAM role, an IAM user or an account root',
      });
    },
  );

  test('accepts a user and an account root as principals', () => {
    const principals = ['arn:aws:iam::222222222222:user/ci', 'arn:aws:iam::222222222222:root'];
    const project = validateProject(withDev({ accountId: '222222222222', stateAccessPrincipals: principals }));
    expect(project.config.environments.dev?.stateAccessPrincipals).toEqual(principals);
  });

  test('an environment in an account of its own needs the state account', () => {
    const config = testConfig(
      untyped({
        accountId: undefined,
        stateBucketName: 'acme-state',
        environments: {
          dev: { region: 'eu-west-1', accountId: '222222222222', stateAccessPrincipals: [DEV_DEPLOYER] },
        },
      }),
    );
    expectOnlyProblem(config, {
      field: 'environments.dev.accountId',
      value: '222222222222',
      rule: 'needs the state account: set accountId',
    });
  });

  test("allowedAccountIds, when given too, must include the environment's account", () => {
    expectOnlyProblem(
      withDev({
        accountId: '222222222222',
        stateAccessPrincipals: [DEV_DEPLOYER],
        allowedAccountIds: ['333333333333'],
      }),
      {
        field: 'environments.dev.allowedAccountIds',
        value: ['333333333333'],
        rule: "must include the environment's accountId 222222222222",
      },
    );
  });
});
