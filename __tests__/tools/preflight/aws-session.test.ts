import { validateProject } from '../../../naming/project';
import { SdkSession, type SessionClients } from '../../../tools/preflight/aws-session';
import { runChecks, type CheckResult } from '../../../tools/preflight/checks';
import { DEV_DEPLOYER, DEV_RUNNER, STATE_ACCOUNT, threeAccounts } from '../../support/test-config';
import { edgeClients, queryError, type EdgeRequest, type EdgeResponse } from './support/http-edge';

// preflight over the real AWS SDK v3 clients, with AWS's answers at the HTTP edge: what moto cannot
// show. moto's STS grants every AssumeRole, into any role, existing or not, so a refused AssumeRole
// (403 AccessDenied, as STS sends it) is proven here; so are IAM's NoSuchEntity, S3's NoSuchBucket
// and DynamoDB's ResourceNotFoundException as the SDK parses them.

const STATE_ROLE = `arn:aws:iam::${STATE_ACCOUNT}:role/acme-tfstate-dev`;

function xml(action: string, result: string): EdgeResponse {
  return { status: 200, body: `<${action}Response><${action}Result>${result}</${action}Result></${action}Response>` };
}

function callerIdentity(arn: string): EdgeResponse {
  return xml(
    'GetCallerIdentity',
    `<Arn>${arn}</Arn><UserId>AROAEXAMPLE:session</UserId><Account>${arn.split(':')[4]}</Account>`,
  );
}

const CREDENTIALS = xml(
  'AssumeRole',
  '<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::222222222222:assumed-role/terraform-deploy/tfstate-preflight</Arn><AssumedRoleId>AROA:tfstate-preflight</AssumedRoleId></AssumedRoleUser>',
);

const DENIED = (role: string): EdgeResponse => ({
  status: 403,
  body: queryError(
    'AccessDenied',
    `User: arn:aws:sts::222222222222:assumed-role/platform-engineer/alice is not authorized to perform: sts:AssumeRole on resource: ${role}`,
  ),
});

/** The caller's session as dev's runner (its assumed sessions as dev's deploy role), every other request answered by `answers`. */
function session(answers: (request: EdgeRequest) => EdgeResponse | undefined) {
  const all: EdgeRequest[] = [];
  const build = (identity: string): SessionClients => {
    const { clients } = edgeClients((request) => {
      all.push(request);
      if (request.action === 'GetCallerIdentity') return callerIdentity(identity);
      return (
        answers(request) ?? {
          status: 500,
          body: queryError('InternalFailure', `unexpected ${request.action}`, 'Receiver'),
        }
      );
    });
    return clients;
  };
  const caller = new SdkSession(build('arn:aws:sts::222222222222:assumed-role/platform-engineer/alice'), () =>
    build('arn:aws:sts::222222222222:assumed-role/terraform-deploy/tfstate-preflight'),
  );
  return { caller, requests: all };
}

function statusOf(results: readonly CheckResult[], check: string): CheckResult['status'] | undefined {
  return results.find((result) => result.check === check)?.status;
}

test('a refused sts:AssumeRole of the state role is reported missing, with what AWS said and the fix', async () => {
  const { caller, requests } = session((request) =>
    request.action === 'AssumeRole'
      ? request.body.includes(encodeURIComponent(STATE_ROLE))
        ? DENIED(STATE_ROLE)
        : CREDENTIALS
      : undefined,
  );
  const results = await runChecks(validateProject(threeAccounts()), caller, 'dev');
  const refused = results.find((result) => result.check === `assume the state role ${STATE_ROLE}`)!;
  expect(refused).toMatchObject({ status: 'missing' });
  expect(refused.detail).toContain(
    `refused for ${DEV_RUNNER}: AccessDenied: User: arn:aws:sts::222222222222:assumed-role/platform-engineer/alice is not authorized`,
  );
  expect(refused.fix).toContain(`name ${DEV_RUNNER} in environments.dev.stateAccessPrincipals`);
  // The deploy role was assumed (nothing written: the shortest session), and its account checked.
  expect(statusOf(results, `assume the environment's deployRoleArn ${DEV_DEPLOYER}`)).toBe('ok');
  expect(statusOf(results, 'account')).toBe('ok');
  const assumeBodies = requests.filter((request) => request.action === 'AssumeRole').map((request) => request.body);
  expect(assumeBodies).toHaveLength(2);
  for (const body of assumeBodies) expect(body).toContain('DurationSeconds=900');
});

test("through the state role: S3's NoSuchBucket, DynamoDB's ResourceNotFoundException, SSM's record, as the SDK parses them", async () => {
  const { caller, requests } = session((request) => {
    if (request.action === 'AssumeRole') return CREDENTIALS;
    if (request.action === 'ListObjectsV2') {
      return {
        status: 404,
        headers: { 'content-type': 'application/xml' },
        body: '<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>acme-tfstate-111111111111-eu-west-1</BucketName></Error>',
      };
    }
    if (request.action === 'DynamoDB_20120810.GetItem') {
      return {
        status: 400,
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
          message: 'Requested resource not found',
        }),
      };
    }
    if (request.action === 'AmazonSSM.GetParametersByPath') {
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({
          Parameters: [{ Name: '/tfstate-bootstrap/acme/version', Value: '{"version":2,"environments":["dev"]}' }],
        }),
      };
    }
    return undefined;
  });
  const results = await runChecks(validateProject(threeAccounts()), caller, 'dev');
  expect(statusOf(results, 'state bucket acme-tfstate-111111111111-eu-west-1')).toBe('missing');
  expect(statusOf(results, 'lock table acme-tfstate-lock')).toBe('missing');
  expect(statusOf(results, 'bootstrap record /tfstate-bootstrap/acme/version')).toBe('ok');
  // The requests a state policy allows, and no HeadBucket or DescribeTable.
  expect(requests.map((request) => `${request.host} ${request.action}`)).toEqual(
    expect.arrayContaining([
      'acme-tfstate-111111111111-eu-west-1.s3.eu-west-1.amazonaws.com ListObjectsV2',
      'dynamodb.eu-west-1.amazonaws.com DynamoDB_20120810.GetItem',
      'ssm.eu-west-1.amazonaws.com AmazonSSM.GetParametersByPath',
    ]),
  );
  expect(requests.some((request) => /HeadBucket|DescribeTable/.test(request.action))).toBe(false);
});

test("IAM's NoSuchEntity is a missing principal; its AccessDenied, a principal that cannot be checked", async () => {
  const present = `arn:aws:iam::${STATE_ACCOUNT}:role/platform-engineer`;
  const absent = `arn:aws:iam::${STATE_ACCOUNT}:role/nobody`;
  const base = threeAccounts();
  const config = {
    ...base,
    environments: {
      ...base.environments,
      dev: { ...base.environments.dev!, stateAccessPrincipals: [present, absent] },
    },
  };
  const { clients, requests } = edgeClients((request) => {
    if (request.action === 'GetCallerIdentity')
      return callerIdentity(`arn:aws:sts::${STATE_ACCOUNT}:assumed-role/admin/bob`);
    if (request.action === 'GetRole' && request.body.includes('RoleName=platform-engineer')) {
      return xml(
        'GetRole',
        `<Role><Path>/</Path><RoleName>platform-engineer</RoleName><RoleId>AROA</RoleId><Arn>${present}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate></Role>`,
      );
    }
    if (request.action === 'GetRole')
      return { status: 404, body: queryError('NoSuchEntity', 'The role with name nobody cannot be found.') };
    return { status: 500, body: queryError('InternalFailure', 'unexpected', 'Receiver') };
  });
  const results = await runChecks(validateProject(config), new SdkSession(clients, () => clients), 'bootstrap');
  expect(statusOf(results, `principal ${present}`)).toBe('ok');
  expect(statusOf(results, `principal ${absent}`)).toBe('missing');
  expect(requests.filter((request) => request.action === 'GetRole').map((request) => request.host)).toEqual([
    'iam.amazonaws.com',
    'iam.amazonaws.com',
  ]);

  const denied = edgeClients((request) =>
    request.action === 'GetCallerIdentity'
      ? callerIdentity(`arn:aws:sts::${STATE_ACCOUNT}:assumed-role/admin/bob`)
      : { status: 403, body: queryError('AccessDenied', 'not authorized to perform: iam:GetRole') },
  ).clients;
  const blind = await runChecks(validateProject(config), new SdkSession(denied, () => denied), 'bootstrap');
  expect(statusOf(blind, `principal ${present}`)).toBe('cannot check');
});
