import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, untyped } from '../../support/config-errors';
import { DEV_DEPLOYER, DEV_RUNNER, testConfig, threeAccounts } from '../../support/test-config';

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
    expectOnlyProblem(withDev({ accountId, stateAccessPrincipals: [DEV_RUNNER] }), {
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
    expectOnlyProblem(withDev({ accountId: '222222222222', deployRoleArn, stateAccessPrincipals: [DEV_RUNNER] }), {
      field: 'environments.dev.deployRoleArn',
      value: deployRoleArn,
      rule: 'must be an IAM role ARN',
    });
  });

  test('refuses a deploy role in another account than the one it claims to deploy', () => {
    const deployRoleArn = 'arn:aws:iam::333333333333:role/terraform-deploy';
    expectOnlyProblem(withDev({ accountId: '222222222222', deployRoleArn, stateAccessPrincipals: [DEV_RUNNER] }), {
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
      rule: 'the environment is in account 222222222222, its state in 111111111111: name who runs Terraform for it',
    });
  });

  test("refuses the environment's own deploy role among the principals, explaining the chain and whom to name", () => {
    const error = expectOnlyProblem(
      withDev({
        accountId: '222222222222',
        deployRoleArn: DEV_DEPLOYER,
        stateAccessPrincipals: [DEV_RUNNER, DEV_DEPLOYER],
      }),
      {
        field: 'environments.dev.stateAccessPrincipals[1]',
        value: DEV_DEPLOYER,
        rule: "is the environment's own deployRoleArn, the role Terraform's provider assumes",
      },
    );
    const rule = error.problems[0]?.rule ?? '';
    // The chain: both hops start from the runner's credentials; whom to name; the way out when that role runs Terraform.
    expect(rule).toContain('each start from the credentials Terraform runs with');
    expect(rule).toContain("a person's role, a CI role");
    expect(rule).toContain("let deployRoleArn's trust policy admit the same identities");
    expect(rule).toContain('leave deployRoleArn out: a role cannot assume itself unless its own trust policy names it');
    expect(rule).toContain('docs/multi-account.md#the-trust-chain');
  });

  test('a role that runs Terraform in its own account, with no deployRoleArn, may be a principal', () => {
    const project = validateProject(withDev({ accountId: '222222222222', stateAccessPrincipals: [DEV_DEPLOYER] }));
    expect(project.config.environments.dev?.stateAccessPrincipals).toEqual([DEV_DEPLOYER]);
  });

  test('the hint for missing principals names a runner, not the deploy role', () => {
    const error = expectOnlyProblem(withDev({ accountId: '222222222222', deployRoleArn: DEV_DEPLOYER }), {
      field: 'environments.dev.stateAccessPrincipals',
      value: undefined,
      rule: "name who runs Terraform for it (a person's role, a CI role; not its deployRoleArn)",
    });
    expect(error.message).toContain('e.g. ["arn:aws:iam::222222222222:role/platform-engineer"]');
    expect(error.message).not.toContain('role/terraform-deploy');
  });

  test('principals only for an environment in another account', () => {
    expectOnlyProblem(withDev({ stateAccessPrincipals: [DEV_RUNNER] }), {
      field: 'environments.dev.stateAccessPrincipals',
      value: [DEV_RUNNER],
      rule: 'only for an environment in another account than the state',
    });
  });

  test.each([
    ['an empty list', []],
    ['not a list', DEV_RUNNER],
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
          dev: { region: 'eu-west-1', accountId: '222222222222', stateAccessPrincipals: [DEV_RUNNER] },
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
        stateAccessPrincipals: [DEV_RUNNER],
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
