import { createValidatedPolicy, validateTrustPolicy } from '@cloud-copilot/iam-policy';
import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument } from '../../naming/iam-policy';

/**
 * IAM decisions from @cloud-copilot/iam-simulate, an offline implementation of AWS's policy
 * evaluation (conditions included). Every request is checked against the service's own list of
 * actions, resource types and condition keys, and a context key the action does not know fails
 * the test instead of being silently ignored.
 */

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** One request as IAM sees it: who asks, which action on which resource, with which context. */
export interface SimulatedRequest {
  /** A short description for test names. */
  readonly what: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

/** The account that owns the state storage in the tests (fixtures.ts). */
export const TEST_ACCOUNT = '111122223333';
export const TEST_PRINCIPAL = `arn:aws:iam::${TEST_ACCOUNT}:role/acme-deploy-dev`;

/** A KMS key without an explicit policy gets this one: IAM policies of the account decide. */
const DEFAULT_KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
  ],
};

/** The decision for `request` made by a principal holding exactly `policies`. */
export async function decide(policies: readonly PolicyDocument[], request: SimulatedRequest): Promise<Decision> {
  const response = await runSimulation(
    {
      request: {
        principal: TEST_PRINCIPAL,
        action: request.action,
        resource: { resource: request.resource, accountId: TEST_ACCOUNT },
        contextVariables: Object.fromEntries(
          Object.entries(request.context ?? {}).map(([key, value]) => [
            key,
            typeof value === 'string' ? value : [...value],
          ]),
        ),
      },
      identityPolicies: policies.map((policy, index) => ({ name: `policy-${index}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(request.action.startsWith('kms:') && { resourcePolicy: DEFAULT_KEY_POLICY }),
    },
    {},
  );
  if (response.resultType === 'error')
    throw new Error(`simulation error for ${request.what}: ${JSON.stringify(response.errors)}`);
  if (response.resultType !== 'single')
    throw new Error(`expected one resource for ${request.what}, got ${response.resultType}`);
  const ignored = response.result.ignoredContextKeys ?? [];
  if (ignored.length > 0)
    throw new Error(`${request.action} does not know the context keys ${ignored.join(', ')} (${request.what})`);
  return response.overallResult;
}

/** A web identity (OIDC) request to assume a role, as STS evaluates it against the role's trust policy. */
export interface WebIdentityRequest {
  /** The identity provider the token comes from. */
  readonly provider: string;
  readonly role: string;
  /** The token's claims as IAM condition keys, e.g. `token.actions.githubusercontent.com:sub`. */
  readonly claims: Readonly<Record<string, string>>;
}

/**
 * The decision of a role's trust policy on AssumeRoleWithWebIdentity. The unchecked engine: AWS
 * accepts `<provider>:aud` and `<provider>:sub` for any OIDC provider, and the simulator's action
 * data lists only some providers' keys (for GitHub, not these two). The trust policy itself is validated.
 */
export function decideTrust(trustPolicy: PolicyDocument, request: WebIdentityRequest): Decision {
  const validated = createValidatedPolicy(trustPolicy, validateTrustPolicy, { name: 'trust' });
  if (validated.errors.length > 0) throw new Error(`invalid trust policy: ${JSON.stringify(validated.errors)}`);
  return runUnsafeSimulation(
    {
      request: {
        principal: request.provider,
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: { resource: request.role, accountId: request.role.split(':')[4] ?? '' },
        contextVariables: { ...request.claims },
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: validated,
    },
    {},
  );
}

/** A principal (of any account) asking STS to assume a role: allowed by its own policy, so the trust policy decides. */
export interface AssumeRoleRequest {
  readonly principal: string;
  readonly role: string;
}

/** The decision of a role's trust policy on sts:AssumeRole (the caller's own policy allows the call). */
export async function decideAssumeRole(trustPolicy: PolicyDocument, request: AssumeRoleRequest): Promise<Decision> {
  const validated = createValidatedPolicy(trustPolicy, validateTrustPolicy, { name: 'trust' });
  if (validated.errors.length > 0) throw new Error(`invalid trust policy: ${JSON.stringify(validated.errors)}`);
  const response = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: 'sts:AssumeRole',
        resource: { resource: request.role, accountId: request.role.split(':')[4] ?? '' },
        contextVariables: {},
      },
      identityPolicies: [
        {
          name: 'may-assume',
          policy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: request.role }],
          },
        },
      ],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: trustPolicy,
    },
    {},
  );
  if (response.resultType !== 'single') throw new Error(`simulation error: ${JSON.stringify(response)}`);
  return response.overallResult;
}

/** A request by `principal` (a service, e.g. logging.s3.amazonaws.com) that only a resource policy can allow. */
export interface ResourcePolicyRequest extends SimulatedRequest {
  readonly principal: string;
  readonly account: string;
}

/** The decision of a resource policy alone (a bucket policy), e.g. on a request from an AWS service. */
export async function decideResourcePolicy(policy: PolicyDocument, request: ResourcePolicyRequest): Promise<Decision> {
  const response = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.account },
        contextVariables: Object.fromEntries(
          Object.entries(request.context ?? {}).map(([key, value]) => [
            key,
            typeof value === 'string' ? value : [...value],
          ]),
        ),
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: policy,
    },
    {},
  );
  if (response.resultType !== 'single')
    throw new Error(`simulation error for ${request.what}: ${JSON.stringify(response)}`);
  return response.overallResult;
}
