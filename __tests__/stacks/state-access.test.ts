import type { ProjectConfig } from '../../config/types';
import { githubTrustPolicy } from '../../naming/deploy-roles';
import { githubPlanTrustPolicy, planAccessPolicy } from '../../naming/plan-roles';
import { stateFencePolicy } from '../../naming/state-fence';
import { stateAccessPolicy } from '../../naming/state-access-policy';
import { synthProject } from '../support/fixtures';
import { testConfig } from '../support/test-config';
import { resourcesOf, theResource } from '../support/synth-scope';

// The bootstrap's access block (stacks/state-access.ts): what it synthesizes, by property.

const GITHUB = { repository: 'acme/platform', protectedEnvironments: ['prod'] } as const;
const CI: ProjectConfig['ci'] = { github: GITHUB };

/** Resource ID (`<type>.<id>`) -> resource, for one type. */
function byName(resources: Record<string, Record<string, unknown>> | undefined) {
  return new Map(Object.entries(resources ?? {}).map(([id, resource]) => [resource.name as string, { id, resource }]));
}

describe('state access policies (every bootstrap)', () => {
  const { stacks, project } = synthProject();
  const bootstrap = stacks.bootstrap!;
  const policies = byName(bootstrap.resource.aws_iam_policy);

  test('one managed policy per environment, <project>-tfstate-<environment>', () => {
    expect([...policies.keys()]).toEqual(['acme-tfstate-dev', 'acme-tfstate-prod']);
  });

  test('each holds exactly the document naming/state-access-policy.ts builds for it (the one the simulator tests)', () => {
    for (const environment of ['dev', 'prod']) {
      const { resource } = policies.get(`acme-tfstate-${environment}`)!;
      expect(JSON.parse(resource.policy as string)).toEqual(
        stateAccessPolicy(project, environment, { accountId: '111122223333' }),
      );
    }
  });

  test('are created only once the bucket exists, and the bootstrap record waits for them', () => {
    const [bucketId] = Object.keys(bootstrap.resource.aws_s3_bucket ?? {});
    const record = theResource(bootstrap.resource, 'aws_ssm_parameter');
    for (const { id, resource } of policies.values()) {
      expect(resource.depends_on).toEqual([`aws_s3_bucket.${bucketId}`]);
      expect(record.depends_on).toContain(`aws_iam_policy.${id}`);
    }
  });

  test('are outputs, by environment', () => {
    const ids = Object.fromEntries([...policies.values()].map(({ id, resource }) => [resource.name, id]));
    expect(bootstrap.output?.state_access_policies?.value).toEqual({
      dev: `\${aws_iam_policy.${ids['acme-tfstate-dev']}.arn}`,
      prod: `\${aws_iam_policy.${ids['acme-tfstate-prod']}.arn}`,
    });
  });

  test('grant the customer-managed key by reference to it', () => {
    const cmk = synthProject(testConfig({ stateEncryption: 'customer-managed' })).stacks.bootstrap!;
    const [keyId] = Object.keys(cmk.resource.aws_kms_key ?? {});
    const dev = JSON.parse(byName(cmk.resource.aws_iam_policy).get('acme-tfstate-dev')!.resource.policy as string);
    expect(dev.Statement).toContainEqual(
      expect.objectContaining({ Sid: 'UseStateKeyThroughStorage', Resource: `\${aws_kms_key.${keyId}.arn}` }),
    );
  });

  test('without accountId, name the account the bootstrap is deployed to', () => {
    const noAccount = synthProject(testConfig({ accountId: undefined, stateBucketName: 'acme-state' })).stacks
      .bootstrap!;
    const [callerId] = Object.keys(noAccount.data?.aws_caller_identity ?? {});
    const dev = byName(noAccount.resource.aws_iam_policy).get('acme-tfstate-dev')!.resource.policy as string;
    expect(dev).toContain(`:\${data.aws_caller_identity.${callerId}.account_id}:table/acme-tfstate-lock`);
  });

  test('no CI roles, provider or their outputs without ci', () => {
    for (const type of ['aws_iam_role', 'aws_iam_openid_connect_provider', 'aws_iam_role_policy_attachment']) {
      expect(resourcesOf(bootstrap.resource, type)).toHaveLength(0);
    }
    expect(bootstrap.output).not.toHaveProperty('deploy_roles');
    expect(bootstrap.output).not.toHaveProperty('github_oidc_provider');
  });
});

describe('with ci.github: the deploy and plan roles', () => {
  const workload = 'arn:aws:iam::111122223333:policy/dev-app-deploy';
  const reader = 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess';
  const { stacks, project } = synthProject(
    testConfig({
      ci: { github: { ...GITHUB, workloadPolicyArns: { dev: [workload] }, planPolicyArns: { prod: [reader] } } },
    }),
  );
  const bootstrap = stacks.bootstrap!;
  const roles = byName(bootstrap.resource.aws_iam_role);
  const policyIds = new Map([...byName(bootstrap.resource.aws_iam_policy)].map(([name, { id }]) => [name, id]));
  const provider = theResource(bootstrap.resource, 'aws_iam_openid_connect_provider');
  const [providerId] = Object.keys(bootstrap.resource.aws_iam_openid_connect_provider ?? {});
  const providerArn = `\${aws_iam_openid_connect_provider.${providerId}.arn}`;
  const attachments = resourcesOf(bootstrap.resource, 'aws_iam_role_policy_attachment');
  const attachedTo = (roleName: string) => {
    const { id } = roles.get(roleName)!;
    return attachments
      .filter((attachment) => attachment.role === `\${aws_iam_role.${id}.name}`)
      .map((attachment) => attachment.policy_arn)
      .sort();
  };

  test("creates GitHub's OIDC provider for the sts.amazonaws.com audience", () => {
    expect(provider).toMatchObject({
      url: 'https://token.actions.githubusercontent.com',
      client_id_list: ['sts.amazonaws.com'],
    });
  });

  test('a deploy role and a plan role per environment, <project>-deploy-<environment> and <project>-plan-<environment>', () => {
    expect([...roles.keys()]).toEqual(['acme-deploy-dev', 'acme-deploy-prod', 'acme-plan-dev', 'acme-plan-prod']);
  });

  test('each trusts the repository as naming/deploy-roles.ts says (the trust the simulator tests), through the provider', () => {
    expect(JSON.parse(roles.get('acme-deploy-dev')!.resource.assume_role_policy as string)).toEqual(
      githubTrustPolicy(GITHUB, { environment: 'dev' }, providerArn),
    );
    expect(JSON.parse(roles.get('acme-deploy-prod')!.resource.assume_role_policy as string)).toEqual(
      githubTrustPolicy(GITHUB, { environment: 'prod' }, providerArn),
    );
  });

  test("each holds its own environment's state policy and the workload policies named for it, nothing else", () => {
    expect(attachedTo('acme-deploy-dev')).toEqual(
      [`\${aws_iam_policy.${policyIds.get('acme-tfstate-dev')}.arn}`, workload].sort(),
    );
    expect(attachedTo('acme-deploy-prod')).toEqual([`\${aws_iam_policy.${policyIds.get('acme-tfstate-prod')}.arn}`]);
  });

  const inline = resourcesOf(bootstrap.resource, 'aws_iam_role_policy');
  const inlineOf = (roleName: string) =>
    inline.filter((policy) => policy.role === `\${aws_iam_role.${roles.get(roleName)!.id}.name}`);

  test("each plan role trusts the repository's pull requests and default branch as naming/plan-roles.ts says", () => {
    for (const name of ['acme-plan-dev', 'acme-plan-prod']) {
      expect(JSON.parse(roles.get(name)!.resource.assume_role_policy as string)).toEqual(
        githubPlanTrustPolicy(GITHUB, providerArn),
      );
    }
  });

  test('each plan role holds its plan policy (the document the simulator tests) and the read policies named for it', () => {
    const policies = byName(bootstrap.resource.aws_iam_policy);
    for (const environment of ['dev', 'prod']) {
      expect(JSON.parse(policies.get(`acme-tfplan-${environment}`)!.resource.policy as string)).toEqual(
        planAccessPolicy(project, environment, { accountId: '111122223333' }),
      );
    }
    expect(attachedTo('acme-plan-dev')).toEqual([`\${aws_iam_policy.${policyIds.get('acme-tfplan-dev')}.arn}`]);
    expect(attachedTo('acme-plan-prod')).toEqual(
      [`\${aws_iam_policy.${policyIds.get('acme-tfplan-prod')}.arn}`, reader].sort(),
    );
  });

  test.each([
    ['acme-deploy-dev', 'dev', 'deploy'],
    ['acme-deploy-prod', 'prod', 'deploy'],
    ['acme-plan-dev', 'dev', 'plan'],
    ['acme-plan-prod', 'prod', 'plan'],
  ] as const)(
    '%s carries its fence, as naming/state-fence.ts writes it, and no other inline policy',
    (role, environment, kind) => {
      expect(inlineOf(role).map((policy) => [policy.name, JSON.parse(policy.policy as string)])).toEqual([
        ['state-fence', stateFencePolicy(project, environment, { accountId: '111122223333' }, kind)],
      ]);
    },
  );

  test('role and provider ARNs are outputs', () => {
    expect(bootstrap.output?.deploy_roles?.value).toEqual({
      dev: `\${aws_iam_role.${roles.get('acme-deploy-dev')!.id}.arn}`,
      prod: `\${aws_iam_role.${roles.get('acme-deploy-prod')!.id}.arn}`,
    });
    expect(bootstrap.output?.github_oidc_provider?.value).toBe(providerArn);
    expect(bootstrap.output?.plan_roles?.value).toEqual({
      dev: `\${aws_iam_role.${roles.get('acme-plan-dev')!.id}.arn}`,
      prod: `\${aws_iam_role.${roles.get('acme-plan-prod')!.id}.arn}`,
    });
  });

  test('the bootstrap record waits until the roles hold their policies and fences', () => {
    const record = theResource(bootstrap.resource, 'aws_ssm_parameter').depends_on as string[];
    for (const type of ['aws_iam_role_policy_attachment', 'aws_iam_role_policy', 'aws_iam_policy']) {
      for (const id of Object.keys(bootstrap.resource[type] ?? {})) expect(record).toContain(`${type}.${id}`);
    }
  });

  test("with the account's existing provider: trusts it and creates none", () => {
    const existing = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
    const synthesized = synthProject(testConfig({ ci: { github: { ...GITHUB, oidcProviderArn: existing } } })).stacks
      .bootstrap!;
    expect(resourcesOf(synthesized.resource, 'aws_iam_openid_connect_provider')).toHaveLength(0);
    const dev = byName(synthesized.resource.aws_iam_role).get('acme-deploy-dev')!.resource;
    expect(JSON.parse(dev.assume_role_policy as string).Statement[0].Principal).toEqual({ Federated: existing });
    expect(synthesized.output?.github_oidc_provider?.value).toBe(existing);
  });

  test('matches the snapshot (a change detector; the properties above say what must hold)', () => {
    expect({
      provider,
      roles: bootstrap.resource.aws_iam_role,
      attachments: bootstrap.resource.aws_iam_role_policy_attachment,
      inline: bootstrap.resource.aws_iam_role_policy,
    }).toMatchSnapshot();
  });
});

test('the environment stacks are the same with or without ci', () => {
  const without = synthProject().stacks;
  const withCi = synthProject(testConfig({ ci: CI })).stacks;
  expect(withCi.dev).toEqual(without.dev);
  expect(withCi.prod).toEqual(without.prod);
});
