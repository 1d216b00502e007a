import { synthProject } from '../support/fixtures';
import { DEV_DEPLOYER, DEV_RUNNER, STATE_ACCOUNT, threeAccounts } from '../support/test-config';
import { resourcesOf } from '../support/synth-scope';

// docs/multi-account.md: state in one account, each environment deployed into its own.
const { stacks } = synthProject(threeAccounts());
const bootstrap = stacks.bootstrap!;
const dev = stacks.dev!;
const DEV_STATE_ROLE = `arn:aws:iam::${STATE_ACCOUNT}:role/acme-tfstate-dev`;

describe('the bootstrap, in the state account', () => {
  test("creates a state role per environment in another account, trusted by that environment's principals only", () => {
    const roles = resourcesOf(bootstrap.resource, 'aws_iam_role');
    expect(roles.map((role) => role.name)).toEqual(['acme-tfstate-dev', 'acme-tfstate-prod']);
    const devTrust = JSON.parse(roles[0]!.assume_role_policy as string) as {
      Statement: Array<Record<string, unknown>>;
    };
    expect(devTrust.Statement).toEqual([
      { Sid: 'NamedPrincipalsOnly', Effect: 'Allow', Principal: { AWS: DEV_RUNNER }, Action: 'sts:AssumeRole' },
    ]);
  });

  test("each holds exactly its environment's state policy", () => {
    const attachments = resourcesOf(bootstrap.resource, 'aws_iam_role_policy_attachment');
    const policies = Object.entries(bootstrap.resource.aws_iam_policy ?? {});
    const devPolicy = policies.find(([, policy]) => policy.name === 'acme-tfstate-dev')![0];
    expect(attachments).toHaveLength(2);
    expect(attachments[0]).toMatchObject({ policy_arn: `\${aws_iam_policy.${devPolicy}.arn}` });
  });

  test('outputs the state roles', () => {
    expect(Object.keys(bootstrap.output ?? {})).toContain('state_roles');
  });

  test('runs in the state account only, through its deploy role when one is named', () => {
    expect(bootstrap.provider.aws[0]).toMatchObject({ allowed_account_ids: [STATE_ACCOUNT] });
    expect(bootstrap.provider.aws[0]).not.toHaveProperty('assume_role');
    const role = `arn:aws:iam::${STATE_ACCOUNT}:role/bootstrap`;
    const withRole = synthProject(threeAccounts({ deployRoleArn: role })).stacks.bootstrap!;
    expect(withRole.provider.aws[0]).toMatchObject({ assume_role: [{ role_arn: role }] });
  });
});

describe('with ci: CI that reaches every account', () => {
  const withCi = synthProject(threeAccounts({ ci: { github: { repository: 'acme/platform' } } })).stacks.bootstrap!;
  const roles = Object.entries(withCi.resource.aws_iam_role ?? {});
  const idOf = (name: string) => roles.find(([, role]) => role.name === name)![0];
  const trustOf = (name: string) =>
    JSON.parse(roles.find(([, role]) => role.name === name)![1].assume_role_policy as string) as {
      Statement: Array<{ Principal: { AWS: string | string[] } }>;
    };

  test("each state role trusts its environment's CI deploy role by reference, never by a hand-built ARN", () => {
    expect(trustOf('acme-tfstate-dev').Statement[0]?.Principal.AWS).toEqual([
      DEV_RUNNER,
      `\${aws_iam_role.${idOf('acme-deploy-dev')}.arn}`,
    ]);
    expect(JSON.stringify(withCi.resource.aws_iam_role)).not.toContain(`:role/acme-deploy-`);
  });

  test("each CI deploy role may assume exactly its environment's deployRoleArn, and nothing else", () => {
    const inline = Object.values(withCi.resource.aws_iam_role_policy ?? {}).filter(
      (policy) => policy.name === 'assume-environment-deploy-role',
    );
    expect(inline).toHaveLength(2);
    const dev = inline.find((policy) => policy.role === `\${aws_iam_role.${idOf('acme-deploy-dev')}.name}`)!;
    expect(JSON.parse(dev.policy as string).Statement).toEqual([
      { Sid: 'AssumeEnvironmentDeployRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: DEV_DEPLOYER },
    ]);
  });

  test('no plan roles: an environment in another account reaches its state only through its state role', () => {
    expect(roles.map(([, role]) => role.name)).not.toContainEqual(expect.stringMatching(/-plan-/));
    expect(withCi.output).not.toHaveProperty('plan_roles');
  });

  test('the bootstrap record waits for those policies too', () => {
    const record = Object.values(withCi.resource.aws_ssm_parameter ?? {})[0]!.depends_on as string[];
    for (const id of Object.keys(withCi.resource.aws_iam_role_policy ?? {})) {
      expect(record).toContain(`aws_iam_role_policy.${id}`);
    }
  });
});

describe('an environment in its own account (dev)', () => {
  test('its backend assumes its state role in the state account', () => {
    expect(dev.terraform.backend.s3).toMatchObject({ assume_role: { role_arn: DEV_STATE_ROLE } });
  });

  test('its resources go to its own account, through its deploy role, and nowhere else', () => {
    const [own] = dev.provider.aws.filter((provider) => provider.alias === undefined);
    expect(own).toMatchObject({ allowed_account_ids: ['222222222222'], assume_role: [{ role_arn: DEV_DEPLOYER }] });
  });

  test('it reads the bootstrap record in the state account, through the same state role', () => {
    const state = dev.provider.aws.find((provider) => provider.alias === 'state');
    expect(state).toMatchObject({
      region: 'eu-west-1',
      allowed_account_ids: [STATE_ACCOUNT],
      assume_role: [{ role_arn: DEV_STATE_ROLE }],
    });
    const data = (dev as unknown as { data: Record<string, Record<string, { provider?: string }>> }).data;
    expect(Object.values(data.aws_ssm_parameters_by_path ?? {})[0]?.provider).toBe('aws.state');
  });
});

describe('the single-account layout', () => {
  const single = synthProject().stacks;

  test('has no state role, no assume_role and no state_roles output (its snapshots are unchanged)', () => {
    for (const stack of Object.values(single))
      expect(JSON.stringify(stack)).not.toMatch(/assume_role|state_roles|tfstate-role/);
    expect(resourcesOf(single.bootstrap!.resource, 'aws_iam_role')).toEqual([]);
  });
});
