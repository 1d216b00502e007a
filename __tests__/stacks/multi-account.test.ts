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
