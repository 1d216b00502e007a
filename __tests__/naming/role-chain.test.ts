import type { ProjectConfig } from '../../config/types';
import { assumeProviderRolePolicy, deployRoles } from '../../naming/deploy-roles';
import { requireEnvironment } from '../../naming/environments';
import type { PolicyDocument } from '../../naming/iam-policy';
import { validateProject, type ValidProject } from '../../naming/project';
import { stateAccessPolicy } from '../../naming/state-access-policy';
import {
  ciDeployRoleArn,
  environmentDeployRoleTrustPolicy,
  namedPrincipalsTrustPolicy,
  reachesStateThroughRole,
  runnerAssumePolicy,
  stateRoleArn,
  stateRolePrincipals,
  stateRoleTrustPolicy,
} from '../../naming/state-roles';
import { backendRequests } from '../support/backend-requests';
import { decide, decideHop, type AssumableRole, type Decision, type Identity } from '../support/iam-simulator';
import {
  DEV_DEPLOYER,
  DEV_RUNNER,
  PROD_DEPLOYER,
  STATE_ACCOUNT,
  testConfig,
  threeAccounts,
} from '../support/test-config';

// docs/multi-account.md#the-trust-chain, hop by hop, with the IAM simulator: for each documented
// setup, who starts, which role each hop assumes, and the caller's identity policy and the role's
// trust policy together (the simulator applies the cross-account rule: in another account both must
// allow, in the same account a trust naming the caller is enough). moto cannot prove any of this:
// its STS grants every AssumeRole, into any role, existing or not, and evaluates no trust policy.

const CI = { github: { repository: 'acme/platform' } } as const;
const STRANGER = 'arn:aws:iam::999999999999:role/platform-engineer';
/** Everything, as an identity policy: what a careless admin attaches. Only the trusts stop it. */
const EVERYTHING: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** The roles a run of `environment` assumes, with the trusts the bootstrap writes and the docs give. */
function hopsOf(project: ValidProject, environment: string) {
  const ci = project.config.ci?.github === undefined ? undefined : ciDeployRoleArn(project, environment);
  const stateRole: AssumableRole | undefined = reachesStateThroughRole(project, environment)
    ? {
        arn: stateRoleArn(project, environment),
        trust: stateRoleTrustPolicy(stateRolePrincipals(project, environment, ci)),
      }
    : undefined;
  const deployRoleArn = requireEnvironment(project, environment).config.deployRoleArn;
  const providerRole: AssumableRole | undefined =
    deployRoleArn === undefined
      ? undefined
      : { arn: deployRoleArn, trust: environmentDeployRoleTrustPolicy(project, environment) };
  return { stateRole, providerRole };
}

/** The state policy the bootstrap creates for `environment`, in the state account. */
function statePolicy(project: ValidProject, environment: string): PolicyDocument {
  return stateAccessPolicy(project, environment, { accountId: project.config.accountId ?? '' });
}

/** The CI deploy role of `environment`, holding what the bootstrap attaches to it. */
function ciIdentity(project: ValidProject, environment: string): Identity {
  const role = deployRoles(project).find((candidate) => candidate.environment === environment)!;
  return {
    arn: ciDeployRoleArn(project, environment),
    policies: [
      statePolicy(project, environment),
      ...(role.providerRoleArn === undefined ? [] : [assumeProviderRolePolicy(role.providerRoleArn)]),
    ],
  };
}

/**
 * Every decision of one run of `environment` started by `runner`: the backend's hop into the state
 * role (the version check makes the same hop), the backend's requests as that role, and the
 * provider's hop into deployRoleArn, each hop from the runner's own credentials.
 */
async function run(project: ValidProject, environment: string, runner: Identity) {
  const { stateRole, providerRole } = hopsOf(project, environment);
  const stateAccount = project.config.accountId ?? '';
  const stateSession = stateRole ?? runner;
  const statePolicies = stateRole === undefined ? runner.policies : [statePolicy(project, environment)];
  const requests = backendRequests(project, requireEnvironment(project, environment).names, {
    accountId: stateAccount,
  });
  const stateRequests = new Set<Decision>();
  for (const request of requests) {
    stateRequests.add(await decide(statePolicies, request, { principal: stateSession.arn, accountId: stateAccount }));
  }
  return {
    stateHop: stateRole === undefined ? 'no hop' : await decideHop(runner, stateRole),
    stateRequests: [...stateRequests],
    providerHop: providerRole === undefined ? 'no hop' : await decideHop(runner, providerRole),
  };
}

const WORKS = { stateHop: 'Allowed', stateRequests: ['Allowed'], providerHop: 'Allowed' };

describe('an environment in another account (state in 111111111111, dev in 222222222222)', () => {
  const project = validateProject(threeAccounts());

  test("a person's role in dev's account, holding the runner policy: both hops and every state request", async () => {
    const runner = { arn: DEV_RUNNER, policies: [runnerAssumePolicy(project, 'dev')!] };
    expect(await run(project, 'dev', runner)).toEqual(WORKS);
  });

  test("the same person without the runner policy: the state role, in another account, refuses; dev's own deploy role admits by its trust", async () => {
    expect(await run(project, 'dev', { arn: DEV_RUNNER, policies: [] })).toMatchObject({
      stateHop: 'ImplicitlyDenied',
      providerHop: 'Allowed',
    });
  });

  describe("a person's role in the state account", () => {
    const engineer = `arn:aws:iam::${STATE_ACCOUNT}:role/platform-engineer`;
    const config = threeAccounts();
    const inState = validateProject({
      ...config,
      environments: {
        ...config.environments,
        dev: { ...config.environments.dev!, stateAccessPrincipals: [engineer] },
      },
    });

    test('with the runner policy: the state role (same account) and the deploy role (across accounts)', async () => {
      expect(await run(inState, 'dev', { arn: engineer, policies: [runnerAssumePolicy(inState, 'dev')!] })).toEqual(
        WORKS,
      );
    });

    test("without it: the state role's trust alone admits (same account), the deploy role in dev's account does not", async () => {
      expect(await run(inState, 'dev', { arn: engineer, policies: [] })).toMatchObject({
        stateHop: 'Allowed',
        providerHop: 'ImplicitlyDenied',
      });
    });
  });

  describe('the CI deploy role (ci.github), in the state account', () => {
    const withCi = validateProject(threeAccounts({ ci: CI }));

    test('holding what the bootstrap gives it: both hops and every state request', async () => {
      expect(await run(withCi, 'dev', ciIdentity(withCi, 'dev'))).toEqual(WORKS);
    });

    test("without the bootstrap's assume policy (before issue 18) it could not reach dev's account", async () => {
      const bare = { arn: ciDeployRoleArn(withCi, 'dev'), policies: [statePolicy(withCi, 'dev')] };
      expect((await run(withCi, 'dev', bare)).providerHop).toBe('ImplicitlyDenied');
    });

    test("dev's CI role is refused prod's state role and prod's deploy role", async () => {
      const devCi = ciIdentity(withCi, 'dev');
      const prod = hopsOf(withCi, 'prod');
      expect(await decideHop(devCi, prod.stateRole!)).toBe('ImplicitlyDenied');
      expect(await decideHop(devCi, prod.providerRole!)).toBe('ImplicitlyDenied');
    });
  });

  describe('refused', () => {
    test("dev's runner, holding every permission, is refused prod's state role (its trust) and prod's deploy role", async () => {
      const prod = hopsOf(project, 'prod');
      const runner = { arn: DEV_RUNNER, policies: [EVERYTHING] };
      expect(await decideHop(runner, prod.stateRole!)).toBe('ImplicitlyDenied');
      expect(await decideHop(runner, prod.providerRole!)).toBe('ImplicitlyDenied');
    });

    test('a principal of another account, holding every permission, is refused both of dev', async () => {
      const { stateRole, providerRole } = hopsOf(project, 'dev');
      const stranger = { arn: STRANGER, policies: [EVERYTHING] };
      expect(await decideHop(stranger, stateRole!)).toBe('ImplicitlyDenied');
      expect(await decideHop(stranger, providerRole!)).toBe('ImplicitlyDenied');
    });

    test("dev's state role may not touch prod's state", async () => {
      const prodRequests = backendRequests(project, requireEnvironment(project, 'prod').names, {
        accountId: STATE_ACCOUNT,
      }).filter((request) => !request.action.startsWith('ssm:'));
      const session = { principal: stateRoleArn(project, 'dev'), accountId: STATE_ACCOUNT };
      for (const request of prodRequests) {
        expect(await decide([statePolicy(project, 'dev')], request, session)).toBe('ImplicitlyDenied');
      }
    });
  });

  describe('why the deploy role is never a state principal (refused at synth)', () => {
    // The chain docs/multi-account.md used to show: the deploy role runs Terraform and is the state
    // principal. Its provider then assumes the deploy role from the deploy role's own session.
    const session: Identity = { arn: DEV_DEPLOYER, policies: [EVERYTHING] };

    test('the deploy role assuming itself is refused when its trust names only others', async () => {
      const trust = namedPrincipalsTrustPolicy([DEV_RUNNER]);
      expect(await decideHop(session, { arn: DEV_DEPLOYER, trust })).toBe('ImplicitlyDenied');
    });

    test("trusting its account's root is not enough either; only its own ARN in its trust is", async () => {
      const root = namedPrincipalsTrustPolicy(['arn:aws:iam::222222222222:root']);
      expect(await decideHop(session, { arn: DEV_DEPLOYER, trust: root })).toBe('ImplicitlyDenied');
      const self = namedPrincipalsTrustPolicy([DEV_DEPLOYER]);
      expect(await decideHop(session, { arn: DEV_DEPLOYER, trust: self })).toBe('Allowed');
    });

    test("another account's deploy role is refused by a trust that does not name it", async () => {
      const { providerRole } = hopsOf(project, 'dev');
      expect(await decideHop({ arn: PROD_DEPLOYER, policies: [EVERYTHING] }, providerRole!)).toBe('ImplicitlyDenied');
    });
  });
});

describe('an environment in the state account (testConfig: state and dev in 111122223333)', () => {
  const deployer = 'arn:aws:iam::111122223333:role/terraform-deploy';
  const base = testConfig({ ci: CI });
  const config: ProjectConfig = {
    ...base,
    environments: { ...base.environments, dev: { region: 'eu-west-1', deployRoleArn: deployer } },
  };
  const project = validateProject(config);
  const devTrust = namedPrincipalsTrustPolicy([ciDeployRoleArn(project, 'dev')]);

  test("a person's role holding dev's state policy: no hop to the state, every state request", async () => {
    const person = { arn: 'arn:aws:iam::111122223333:role/platform-engineer', policies: [statePolicy(project, 'dev')] };
    const result = await run(project, 'dev', person);
    expect(result.stateHop).toBe('no hop');
    expect(result.stateRequests).toEqual(['Allowed']);
  });

  test('the CI deploy role: its state policy, and a deployRoleArn in its own account whose trust names it', async () => {
    const ci = ciIdentity(project, 'dev');
    const result = await run(project, 'dev', ci);
    expect(result).toMatchObject({ stateHop: 'no hop', stateRequests: ['Allowed'] });
    expect(await decideHop(ci, { arn: deployer, trust: devTrust })).toBe('Allowed');
    // Same account: the trust naming it is enough even without the assume policy.
    expect(await decideHop({ arn: ci.arn, policies: [] }, { arn: deployer, trust: devTrust })).toBe('Allowed');
  });
});
