import type { LockingMode, ProjectConfig, StateEncryption } from '../../config/types';
import { requireEnvironment } from '../../naming/environments';
import type { PolicyDocument } from '../../naming/iam-policy';
import { planAccessPolicy } from '../../naming/plan-roles';
import { validateProject } from '../../naming/project';
import { stateAccessPolicy } from '../../naming/state-access-policy';
import { policySize, stateFencePolicy, type CiRoleKind } from '../../naming/state-fence';
import { backendRequests, isStateWrite, stateSpecific } from '../support/backend-requests';
import { expectOnlyProblem } from '../support/config-errors';
import { TEST_ACCOUNT, decide, type SimulatedRequest } from '../support/iam-simulator';
import { testConfig } from '../support/test-config';

// Every CI role's fence (naming/state-fence.ts), with the IAM simulator: with AWS's
// AdministratorAccess attached besides (what workloadPolicyArns or planPolicyArns could add), a role
// is still refused every other environment's state, lockfile and lock items, and the bootstrap's;
// its own environment's requests still pass; a plan role still cannot write its state or digest.

/** arn:aws:iam::aws:policy/AdministratorAccess, as AWS publishes it. */
const ADMINISTRATOR_ACCESS: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'AdministratorAccess', Effect: 'Allow', Action: '*', Resource: '*' }],
};
const CI: ProjectConfig['ci'] = { github: { repository: 'acme/platform' } };
const KEY_ARN = `arn:aws:kms:eu-west-1:${TEST_ACCOUNT}:key/0d3b5c1e-7f7a-4a63-9f3e-2f9c2b0c1a11`;
const KINDS: readonly CiRoleKind[] = ['deploy', 'plan'];
const byWhat = (list: readonly SimulatedRequest[]) => list.map((request) => [request.what, request] as const);

function setup(locking: LockingMode, stateEncryption: StateEncryption) {
  const project = validateProject(
    testConfig({
      locking,
      stateEncryption,
      ci: CI,
      environments: { dev: { region: 'eu-west-1' }, prod: { region: 'eu-west-1' }, staging: { region: 'eu-west-1' } },
    }),
  );
  const target = { accountId: TEST_ACCOUNT, ...(stateEncryption === 'customer-managed' && { stateKeyArn: KEY_ARN }) };
  const requests = (names: Parameters<typeof backendRequests>[1]) => backendRequests(project, names, target);
  // Listing the bucket shows key names, not states: the fence leaves it to the policies (a state
  // policy lists only its own key; AdministratorAccess lists all names).
  const touching = (names: Parameters<typeof backendRequests>[1]) =>
    stateSpecific(requests(names)).filter((request) => request.action !== 's3:ListBucket');
  return {
    project,
    target,
    dev: requests(requireEnvironment(project, 'dev').names),
    others: [
      ...touching(requireEnvironment(project, 'prod').names),
      ...touching(requireEnvironment(project, 'staging').names),
      ...touching(project.names.bootstrapState).map((request) => ({
        ...request,
        what: `the bootstrap's ${request.what}`,
      })),
    ],
  };
}

// dynamodb+s3 with a customer-managed key: every kind of request there is (lockfile, lock item,
// digest, KMS); the fence does not depend on the mode (it denies every mechanism in every mode).
describe.each(KINDS.map((kind) => [kind, 'dynamodb+s3', 'customer-managed'] as const))(
  "dev's %s role in %s locking mode, %s key, with AdministratorAccess attached",
  (kind, locking, encryption) => {
    const { project, target, dev, others } = setup(locking, encryption);
    const fence = stateFencePolicy(project, 'dev', target, kind);
    const own =
      kind === 'deploy' ? stateAccessPolicy(project, 'dev', target) : planAccessPolicy(project, 'dev', target);
    const policies = [own, ADMINISTRATOR_ACCESS, fence];

    test.each(byWhat(others))('is refused %s (explicitly)', async (_, request) => {
      expect(await decide(policies, request)).toBe('ExplicitlyDenied');
    });

    const allowed = kind === 'deploy' ? dev : dev.filter((request) => !isStateWrite(request));
    test.each(byWhat(allowed))("still makes dev's %s", async (_, request) => {
      expect(await decide(policies, request)).toBe('Allowed');
    });

    if (kind === 'plan') {
      test.each(byWhat(dev.filter(isStateWrite)))('still cannot make the %s (explicitly)', async (_, request) => {
        expect(await decide(policies, request)).toBe('ExplicitlyDenied');
      });
    }
  },
);

describe('what else the fence keeps AdministratorAccess from', () => {
  const { project, target } = setup('dynamodb+s3', 'customer-managed');
  const policies = [ADMINISTRATOR_ACCESS, stateFencePolicy(project, 'dev', target, 'deploy')];
  const bucket = `arn:aws:s3:::${project.names.stateBucket}`;
  const table = `arn:aws:dynamodb:eu-west-1:${TEST_ACCOUNT}:table/${project.names.lockTable}`;
  const iam = (path: string) => `arn:aws:iam::${TEST_ACCOUNT}:${path}`;
  const dev = requireEnvironment(project, 'dev').names;

  test.each(
    byWhat([
      { what: "the state bucket's policy", action: 's3:PutBucketPolicy', resource: bucket },
      { what: "the state bucket's public access block", action: 's3:PutBucketPublicAccessBlock', resource: bucket },
      { what: 'deleting the state bucket', action: 's3:DeleteBucket', resource: bucket },
      { what: 'suspending versioning', action: 's3:PutBucketVersioning', resource: bucket },
      {
        what: 'listing the whole bucket... is allowed by admin, but not other keys',
        action: 's3:DeleteObjectVersion',
        resource: `${bucket}/prod/terraform.tfstate`,
      },
      { what: 'deleting the lock table', action: 'dynamodb:DeleteTable', resource: table },
      { what: 'scanning the lock table', action: 'dynamodb:Scan', resource: table },
      {
        what: "a batch naming dev's lock and prod's",
        action: 'dynamodb:BatchWriteItem',
        resource: table,
        context: { 'dynamodb:LeadingKeys': [dev.lockId, requireEnvironment(project, 'prod').names.lockId] },
      },
      {
        what: 'overwriting the bootstrap record',
        action: 'ssm:PutParameter',
        resource: `arn:aws:ssm:eu-west-1:${TEST_ACCOUNT}:parameter/tfstate-bootstrap/acme/version`,
      },
      { what: "scheduling the state key's deletion", action: 'kms:ScheduleKeyDeletion', resource: KEY_ARN },
      { what: 'removing its own fence', action: 'iam:DeleteRolePolicy', resource: iam('role/acme-deploy-dev') },
      {
        what: "prod's deploy role's trust",
        action: 'iam:UpdateAssumeRolePolicy',
        resource: iam('role/acme-deploy-prod'),
      },
      { what: "prod's plan role", action: 'iam:AttachRolePolicy', resource: iam('role/acme-plan-prod') },
      { what: "a state role's trust", action: 'iam:UpdateAssumeRolePolicy', resource: iam('role/acme-tfstate-prod') },
      { what: "prod's state policy", action: 'iam:CreatePolicyVersion', resource: iam('policy/acme-tfstate-prod') },
      { what: "prod's plan policy", action: 'iam:CreatePolicyVersion', resource: iam('policy/acme-tfplan-prod') },
      {
        what: "GitHub's identity provider",
        action: 'iam:DeleteOpenIDConnectProvider',
        resource: iam('oidc-provider/token.actions.githubusercontent.com'),
      },
    ]),
  )('%s', async (_, request) => {
    expect(await decide(policies, request)).toBe('ExplicitlyDenied');
  });

  test.each(
    byWhat([
      { what: 'a workload bucket', action: 's3:CreateBucket', resource: 'arn:aws:s3:::acme-dev-app-x1' },
      { what: "a workload bucket's objects", action: 's3:PutObject', resource: 'arn:aws:s3:::acme-dev-app-x1/a' },
      { what: "a workload bucket's policy", action: 's3:PutBucketPolicy', resource: 'arn:aws:s3:::acme-dev-app-x1' },
      {
        what: "another table's items",
        action: 'dynamodb:PutItem',
        resource: `arn:aws:dynamodb:eu-west-1:${TEST_ACCOUNT}:table/orders`,
        context: { 'dynamodb:LeadingKeys': ['o-1'] },
      },
      { what: "a workload's own role", action: 'iam:CreateRole', resource: iam('role/acme-dev-app') },
      {
        what: "a workload's own key",
        action: 'kms:ScheduleKeyDeletion',
        resource: `arn:aws:kms:eu-west-1:${TEST_ACCOUNT}:key/other`,
      },
    ]),
  )("leaves the environment's workloads alone: %s", async (_, request) => {
    expect(await decide(policies, request)).toBe('Allowed');
  });
});

describe('the document', () => {
  test("names no state of dev's among the denied objects, and every other one", () => {
    const { project, target } = setup('dynamodb', 'aws-managed');
    const [objects] = stateFencePolicy(project, 'dev', target, 'deploy').Statement;
    expect(objects?.Resource).toEqual(
      ['prod', 'staging', 'bootstrap'].flatMap((key) => [
        `arn:aws:s3:::${project.names.stateBucket}/${key}/terraform.tfstate`,
        `arn:aws:s3:::${project.names.stateBucket}/${key}/terraform.tfstate.tflock`,
      ]),
    );
  });

  test('no key statement without a customer-managed key; no write denial on a deploy role', () => {
    const { project, target } = setup('dynamodb', 'aws-managed');
    const sids = (kind: CiRoleKind) => stateFencePolicy(project, 'dev', target, kind).Statement.map((s) => s.Sid);
    expect(sids('deploy')).not.toContain('DenyStateKeyManagement');
    expect(sids('deploy')).not.toContain('DenyStateWrites');
    expect(sids('plan')).toEqual(expect.arrayContaining(['DenyStateWrites', 'DenyDigestWrites']));
  });

  test('only denies, and never with NotResource (moto reads that as allowing everything)', () => {
    const { project, target } = setup('dynamodb+s3', 'customer-managed');
    for (const kind of KINDS) {
      const statements = stateFencePolicy(project, 'dev', target, kind).Statement;
      expect(statements.every((statement) => statement.Effect === 'Deny')).toBe(true);
      expect(JSON.stringify(statements)).not.toContain('NotResource');
    }
  });
});

describe("IAM's limit on a role's inline policies", () => {
  const many = (count: number) =>
    testConfig({
      ci: CI,
      environments: Object.fromEntries(
        Array.from({ length: count }, (_, index) => [`environment-${index}`, { region: 'eu-west-1' }]),
      ),
    });

  test('20 environments fit', () => {
    const project = validateProject(many(20));
    expect(policySize(stateFencePolicy(project, 'environment-0', { accountId: TEST_ACCOUNT }, 'plan'))).toBeLessThan(
      10_240,
    );
  });

  test('too many environments for a fence are refused at synth, saying why', () => {
    expectOnlyProblem(many(60), {
      field: 'ci.github',
      value: '60 environments',
      rule: "each CI role's fence (an explicit deny of every other environment's state) would take",
    });
  });
});
