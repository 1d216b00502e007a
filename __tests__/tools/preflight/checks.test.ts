import type { ProjectConfig } from '../../../config/types';
import { BOOTSTRAP_VERSION } from '../../../naming/bootstrap-version';
import { validateProject } from '../../../naming/project';
import { EXIT_OK, EXIT_PROBLEM } from '../../../tools/cli/exit-codes';
import {
  parsePrincipal,
  principalOfSession,
  recordVerdict,
  runChecks,
  type CheckResult,
} from '../../../tools/preflight/checks';
import { runPreflightCli } from '../../../tools/preflight/run-cli';
import { FakeIo } from '../locks/support/fake-io';
import { DEV_DEPLOYER, DEV_RUNNER, STATE_ACCOUNT, testConfig, threeAccounts } from '../../support/test-config';
import { awsError, FakeAws } from './support/fake-aws';

// Every check, ok and missing, against AWS accounts in memory (support/fake-aws.ts). The same
// checks over the real SDK clients, with AWS's answers at the HTTP edge: aws-session.test.ts.

const ADMIN = 'arn:aws:iam::111122223333:role/admin';
const RECORD = (environments: string[], version = BOOTSTRAP_VERSION) => JSON.stringify({ version, environments });

/** testConfig's storage, deployed: bucket, table, and a record for dev and prod. */
function deployed(aws = new FakeAws()): FakeAws {
  aws.buckets.add('acme-tfstate-111122223333-eu-west-1');
  aws.tables.add('acme-tfstate-lock');
  aws.parameters.set('/tfstate-bootstrap/acme/version', RECORD(['dev', 'prod']));
  return aws;
}

async function preflight(config: ProjectConfig, aws: FakeAws, caller: string, argv: string[]) {
  const io = new FakeIo();
  const code = await runPreflightCli(argv, io, {
    context: { project: validateProject(config), caller: aws.session(caller) },
  });
  return { code, io };
}

async function checks(config: ProjectConfig, aws: FakeAws, caller: string, target?: string) {
  return runChecks(validateProject(config), aws.session(caller), target);
}

function find(results: readonly CheckResult[], check: string | RegExp): CheckResult {
  const found = results.find((result) =>
    typeof check === 'string' ? result.check === check : check.test(result.check),
  );
  if (found === undefined) throw new Error(`no check ${String(check)} in ${results.map((r) => r.check).join(', ')}`);
  return found;
}

describe('bootstrap', () => {
  test('with credentials of the state account: ok, exit 0', async () => {
    const { code, io } = await preflight(testConfig(), new FakeAws(), ADMIN, ['bootstrap']);
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toMatch(
      /^bootstrap:\n {2}ok +credentials: +arn:aws:sts::111122223333:assumed-role\/admin\/session/,
    );
    expect(io.stdout).toMatch(/ok +account: +111122223333, the state account \(accountId\)/);
    expect(io.stdout).toContain('2 ok, 0 missing, 0 cannot be checked from here.');
  });

  test('with credentials of another account: missing, with the fix, exit 1', async () => {
    const { code, io } = await preflight(testConfig(), new FakeAws(), 'arn:aws:iam::999999999999:user/me', [
      'bootstrap',
    ]);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stdout).toMatch(
      /missing +account: +your credentials act in account 999999999999, the state account \(accountId\) is 111122223333/,
    );
    expect(io.stdout).toContain('fix: use credentials of account 111122223333, or set deployRoleArn');
    expect(io.stdout).toContain('Fix what is missing before deploying.');
  });

  test('no credentials at all: missing, and nothing else is tried', async () => {
    const aws = new FakeAws();
    const caller = aws.session(ADMIN);
    caller.whoAmI = async () => {
      throw awsError('CredentialsProviderError', 'Could not load credentials from any providers');
    };
    const results = await runChecks(validateProject(testConfig()), caller, 'bootstrap');
    expect(results).toEqual([
      expect.objectContaining({ check: 'credentials', status: 'missing', fix: expect.stringContaining('AWS_PROFILE') }),
    ]);
  });

  test('an unreachable endpoint: missing, asking for the network or the emulator', async () => {
    const aws = new FakeAws();
    const caller = aws.session(ADMIN);
    caller.whoAmI = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    };
    const [credentials] = await runChecks(validateProject(testConfig()), caller, 'dev');
    expect(credentials).toMatchObject({
      status: 'missing',
      detail: 'cannot reach AWS (ECONNREFUSED)',
      fix: 'check the network connection; with AWS_ENDPOINT_URL set, is the emulator running?',
    });
  });

  describe("through the bootstrap's deployRoleArn", () => {
    const role = `arn:aws:iam::${STATE_ACCOUNT}:role/terraform-bootstrap`;
    const me = `arn:aws:iam::${STATE_ACCOUNT}:role/platform-engineer`;
    const config = threeAccounts({ deployRoleArn: role });

    test('assumed: its account is checked', async () => {
      const results = await checks(config, new FakeAws().role(role, me), me, 'bootstrap');
      expect(find(results, `assume the bootstrap's deployRoleArn ${role}`).status).toBe('ok');
      expect(find(results, 'account')).toMatchObject({
        status: 'ok',
        detail: '111111111111, the state account (accountId)',
      });
    });

    test('refused: missing, naming whom its trust must admit', async () => {
      const results = await checks(config, new FakeAws().role(role), me, 'bootstrap');
      expect(find(results, /^assume the bootstrap's deployRoleArn/)).toMatchObject({
        status: 'missing',
        fix: expect.stringContaining(`its trust policy must admit ${me}`),
      });
    });
  });

  describe('principals the state roles will trust', () => {
    const inState = `arn:aws:iam::${STATE_ACCOUNT}:role/platform-engineer`;
    const user = `arn:aws:iam::${STATE_ACCOUNT}:user/ci`;
    const base = threeAccounts();
    const config: ProjectConfig = {
      ...base,
      environments: {
        dev: { ...base.environments.dev!, stateAccessPrincipals: [DEV_RUNNER, inState, user] },
        prod: { ...base.environments.prod!, stateAccessPrincipals: [inState, `arn:aws:iam::${STATE_ACCOUNT}:root`] },
      },
    };
    const admin = `arn:aws:iam::${STATE_ACCOUNT}:role/admin`;

    test("in the caller's account: ok when they exist, missing (with the fix) when not; others: cannot check", async () => {
      const aws = new FakeAws().role(inState);
      const { code, io } = await preflight(config, aws, admin, ['bootstrap']);
      expect(code).toBe(EXIT_PROBLEM);
      expect(io.stdout).toMatch(new RegExp(`ok +principal ${inState}: +exists`));
      expect(io.stdout).toMatch(new RegExp(`missing +principal ${user}: +does not exist`));
      expect(io.stdout).toContain(
        'fix: create the user first, or remove it from environments.dev.stateAccessPrincipals: IAM refuses a trust policy naming a principal that does not exist',
      );
      expect(io.stdout).toMatch(
        new RegExp(`cannot check +principal ${DEV_RUNNER}: +in account 222222222222, not 111111111111`),
      );
      expect(io.stdout).toMatch(/ok +principal arn:aws:iam::111111111111:root: +this account's root/);
      // Each principal once, however many environments name it.
      expect(io.stdout.split(`principal ${inState}:`)).toHaveLength(2);
    });

    test('all there: exit 0, with the other accounts still reported as cannot check', async () => {
      const aws = new FakeAws().role(inState);
      aws.users.add(user);
      const { code, io } = await preflight(config, aws, admin, ['bootstrap']);
      expect(code).toBe(EXIT_OK);
      expect(io.stdout).toContain('5 ok, 0 missing, 1 cannot be checked from here.');
    });

    test('without iam:GetRole: cannot check, which does not fail the run', async () => {
      const aws = new FakeAws().role(inState);
      aws.users.add(user);
      aws.iamDenied.add(admin);
      const results = await checks(config, aws, admin, 'bootstrap');
      expect(find(results, `principal ${inState}`)).toMatchObject({
        status: 'cannot check',
        detail: expect.stringContaining('no permission to look it up'),
      });
    });
  });

  test('a configured GitHub OIDC provider and the policies the CI roles hold must exist', async () => {
    const provider = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
    const ours = 'arn:aws:iam::111122223333:policy/dev-deploy';
    const managed = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    const config = testConfig({
      ci: {
        github: {
          repository: 'acme/platform',
          oidcProviderArn: provider,
          workloadPolicyArns: { dev: [ours], prod: [managed] },
          planPolicyArns: { dev: [managed] },
        },
      },
    });
    const aws = new FakeAws();
    aws.policies.add(managed);
    const results = await checks(config, aws, ADMIN, 'bootstrap');
    expect(find(results, `GitHub OIDC provider ${provider}`)).toMatchObject({
      status: 'missing',
      fix: expect.stringContaining('leave ci.github.oidcProviderArn out and the bootstrap creates it'),
    });
    expect(find(results, `policy ${ours}`).status).toBe('missing');
    expect(find(results, `policy ${managed}`).status).toBe('ok');
  });
});

describe('an environment in the state account (dev)', () => {
  test('bucket, table and record there: ok, exit 0, with the requests a state policy allows', async () => {
    const aws = deployed();
    const { code, io } = await preflight(testConfig(), aws, ADMIN, ['dev']);
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toMatch(/ok +state bucket acme-tfstate-111122223333-eu-west-1: +exists; dev's key is readable/);
    expect(io.stdout).toMatch(/ok +lock table acme-tfstate-lock: +exists; dev's digest is readable/);
    expect(io.stdout).toMatch(/ok +bootstrap record \/tfstate-bootstrap\/acme\/version: +version 2, deployed for dev/);
    expect(io.stdout).toMatch(/ok +account: +Terraform deploys dev into account 111122223333/);
    expect(aws.calls).toEqual([
      'admin GetCallerIdentity ',
      'admin ListObjectsV2 acme-tfstate-111122223333-eu-west-1/dev/terraform.tfstate',
      'admin GetItem acme-tfstate-lock acme-tfstate-111122223333-eu-west-1/dev/terraform.tfstate-md5',
      'admin GetParametersByPath /tfstate-bootstrap/acme',
    ]);
  });

  test('nothing bootstrapped: bucket, table and record missing, each saying to deploy the bootstrap', async () => {
    const { code, io } = await preflight(testConfig(), new FakeAws(), ADMIN, ['dev']);
    expect(code).toBe(EXIT_PROBLEM);
    expect(io.stdout).toMatch(/missing +state bucket acme-tfstate-111122223333-eu-west-1: +does not exist/);
    expect(io.stdout).toMatch(/missing +lock table acme-tfstate-lock: +does not exist/);
    expect(io.stdout).toMatch(
      /missing +bootstrap record \/tfstate-bootstrap\/acme\/version: +dev needs bootstrap version 2, found none/,
    );
    expect(io.stdout.match(/fix: run npx cdktf deploy bootstrap/g)).toHaveLength(3);
  });

  test('without the state policy: missing, naming the policy to attach', async () => {
    const aws = deployed();
    aws.stateReaders.add('arn:aws:iam::111122223333:role/someone-else');
    const results = await checks(testConfig(), aws, ADMIN, 'dev');
    expect(find(results, /^state bucket/)).toMatchObject({
      status: 'missing',
      fix: expect.stringContaining("dev's state policy, acme-tfstate-dev"),
    });
  });

  test('in s3 locking mode there is no table to check', async () => {
    const aws = deployed();
    const results = await checks(testConfig({ locking: 's3' }), aws, ADMIN, 'dev');
    expect(results.some((result) => result.check.startsWith('lock table'))).toBe(false);
  });

  test('a record of an older bootstrap, or without the environment: missing', async () => {
    const aws = deployed();
    aws.parameters.set('/tfstate-bootstrap/acme/version', RECORD(['dev'], 1));
    expect(find(await checks(testConfig(), aws, ADMIN, 'dev'), /^bootstrap record/).detail).toBe(
      'dev needs bootstrap version 2, found 1',
    );
    aws.parameters.set('/tfstate-bootstrap/acme/version', RECORD(['dev']));
    expect(find(await checks(testConfig(), aws, ADMIN, 'prod'), /^bootstrap record/).detail).toBe(
      'prod needs bootstrap version 2, found 2, but prod is not in it',
    );
  });

  test("credentials of another account than the environment's allowed ones: missing", async () => {
    // testConfig's prod may deploy only into 444455556666.
    const results = await checks(testConfig(), deployed(), ADMIN, 'prod');
    expect(find(results, 'account')).toMatchObject({
      status: 'missing',
      detail: 'Terraform would deploy prod into account 111122223333, but it may deploy only into 444455556666',
      fix: 'use credentials of account 444455556666, or set environments.prod.deployRoleArn',
    });
  });
});

describe('an environment in another account (three accounts: dev in 222222222222)', () => {
  const stateRole = `arn:aws:iam::${STATE_ACCOUNT}:role/acme-tfstate-dev`;
  /** The three-account storage, deployed, and dev's roles admitting dev's runner. */
  function world(): FakeAws {
    const aws = new FakeAws().role(stateRole, DEV_RUNNER).role(DEV_DEPLOYER, DEV_RUNNER);
    aws.buckets.add('acme-tfstate-111111111111-eu-west-1');
    aws.tables.add('acme-tfstate-lock');
    aws.parameters.set('/tfstate-bootstrap/acme/version', RECORD(['dev', 'prod']));
    aws.stateReaders.add(stateRole);
    return aws;
  }

  test("dev's runner: both hops, the storage through the state role, dev's account through its deploy role", async () => {
    const aws = world();
    const { code, io } = await preflight(threeAccounts(), aws, DEV_RUNNER, ['dev']);
    expect(code).toBe(EXIT_OK);
    expect(io.stdout).toMatch(new RegExp(`ok +assume the state role ${stateRole}: +as ${DEV_RUNNER}`));
    expect(io.stdout).toMatch(
      new RegExp(`ok +assume the environment's deployRoleArn ${DEV_DEPLOYER}: +as ${DEV_RUNNER}`),
    );
    expect(io.stdout).toMatch(/ok +account: +Terraform deploys dev into account 222222222222/);
    expect(aws.calls).toContain(
      'acme-tfstate-dev ListObjectsV2 acme-tfstate-111111111111-eu-west-1/dev/terraform.tfstate',
    );
  });

  test('a refused state role: missing, saying whom to name and what policy a caller from another account needs', async () => {
    const aws = world();
    aws.roles.set(stateRole, new Set());
    const results = await checks(threeAccounts(), aws, DEV_RUNNER, 'dev');
    expect(find(results, `assume the state role ${stateRole}`)).toMatchObject({
      status: 'missing',
      detail: expect.stringContaining(`refused for ${DEV_RUNNER}: AccessDenied`),
      fix: expect.stringContaining(
        `name ${DEV_RUNNER} in environments.dev.stateAccessPrincipals and run npx cdktf deploy bootstrap`,
      ),
    });
    expect(find(results, 'state storage').status).toBe('cannot check');
  });

  test("a refused deploy role: missing, naming the trust to write in dev's account", async () => {
    const aws = world();
    aws.roles.set(DEV_DEPLOYER, new Set());
    const results = await checks(threeAccounts(), aws, DEV_RUNNER, 'dev');
    expect(find(results, `assume the environment's deployRoleArn ${DEV_DEPLOYER}`)).toMatchObject({
      status: 'missing',
      fix: expect.stringContaining(`its trust policy, in account 222222222222, must admit ${DEV_RUNNER}`),
    });
  });

  test('the deploy role of another account than the environment: missing', async () => {
    const aws = world();
    const elsewhere = 'arn:aws:iam::333333333333:role/terraform-deploy';
    aws.role(elsewhere, DEV_RUNNER);
    const base = threeAccounts();
    // Bypasses the synth rule that refuses it, to show preflight checks the account it lands in.
    const project = validateProject(base);
    const config = {
      ...project.config,
      environments: {
        ...project.config.environments,
        dev: { ...project.config.environments.dev!, deployRoleArn: elsewhere },
      },
    };
    const results = await runChecks({ ...project, config }, aws.session(DEV_RUNNER), 'dev');
    expect(find(results, 'account')).toMatchObject({
      status: 'missing',
      fix: 'environments.dev.deployRoleArn must be a role of account 222222222222',
    });
  });
});

test('without a target: the bootstrap, then every environment, in order', async () => {
  const results = await checks(testConfig(), deployed(), ADMIN);
  expect([...new Set(results.map((result) => result.target))]).toEqual(['bootstrap', 'dev', 'prod']);
});

describe('helpers', () => {
  test.each([
    ['arn:aws:iam::111122223333:role/x', { account: '111122223333', kind: 'role', name: 'x' }],
    ['arn:aws:iam::111122223333:role/team/web/x', { account: '111122223333', kind: 'role', name: 'x' }],
    ['arn:aws:iam::111122223333:user/ci', { account: '111122223333', kind: 'user', name: 'ci' }],
    ['arn:aws-cn:iam::111122223333:root', { account: '111122223333', kind: 'root', name: '' }],
  ])('parsePrincipal(%s)', (arn, expected) => {
    expect(parsePrincipal(arn)).toEqual({ arn, ...expected });
  });

  test('an STS session names its role; other ARNs stay as they are', () => {
    expect(principalOfSession('arn:aws:sts::222222222222:assumed-role/platform-engineer/alice')).toBe(DEV_RUNNER);
    expect(principalOfSession('arn:aws:iam::222222222222:user/alice')).toBe('arn:aws:iam::222222222222:user/alice');
  });

  test('an unreadable record is missing, not an error', () => {
    expect(recordVerdict('{', 'dev')).toEqual({
      ok: false,
      detail: 'dev needs bootstrap version 2, found an unreadable record',
    });
    expect(recordVerdict('{"environments":[]}', 'dev').ok).toBe(false);
  });
});
