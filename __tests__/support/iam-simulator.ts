import {
  createValidatedPolicy,
  validateIdentityPolicy,
  validateTrustPolicy,
  type ValidatedPolicy,
} from '@cloud-copilot/iam-policy';
import { runSimulation as simulatorRunSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
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
function defaultKeyPolicy(accountId: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' },
    ],
  };
}

/** Who asks, and the account of what is asked for (the state account: the bucket, table, key and record). */
export interface Caller {
  readonly principal: string;
  readonly accountId: string;
}

const TEST_CALLER: Caller = { principal: TEST_PRINCIPAL, accountId: TEST_ACCOUNT };

type Simulation = Parameters<typeof simulatorRunSimulation>[0];
const simulations = new Map<string, ReturnType<typeof simulatorRunSimulation>>();

/** The simulator's answer, once per distinct simulation in a test file (it is a pure function of its input). */
function runSimulation(simulation: Simulation, options: Parameters<typeof simulatorRunSimulation>[1]) {
  const key = JSON.stringify([simulation, options]);
  let response = simulations.get(key);
  if (response === undefined) {
    response = simulatorRunSimulation(simulation, options);
    simulations.set(key, response);
  }
  return response;
}

const validatedIdentityPolicies = new Map<string, ValidatedPolicy>();

/**
 * The simulator's validation of an identity policy, done once per document in a test file: a file
 * asks about the same few policies many times. The simulator reports the errors a validated policy
 * carries just as it reports those it finds itself.
 */
function identityPolicies(policies: readonly PolicyDocument[]) {
  return policies.map((policy, index) => {
    const json = JSON.stringify(policy);
    let validated = validatedIdentityPolicies.get(json);
    if (validated === undefined) {
      validated = createValidatedPolicy(JSON.parse(json), validateIdentityPolicy);
      validatedIdentityPolicies.set(json, validated);
    }
    return { name: `policy-${index}`, policy: validated };
  });
}

/** The decision for `request` made by a principal holding exactly `policies`. */
export async function decide(
  policies: readonly PolicyDocument[],
  request: SimulatedRequest,
  caller: Caller = TEST_CALLER,
): Promise<Decision> {
  const response = await runSimulation(
    {
      request: {
        principal: caller.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: caller.accountId },
        contextVariables: Object.fromEntries(
          Object.entries(request.context ?? {}).map(([key, value]) => [
            key,
            typeof value === 'string' ? value : [...value],
          ]),
        ),
      },
      identityPolicies: identityPolicies(policies),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(request.action.startsWith('kms:') && { resourcePolicy: defaultKeyPolicy(caller.accountId) }),
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

/** An IAM identity: a role (or user) and the policies it holds. */
export interface Identity {
  readonly arn: string;
  readonly policies: readonly PolicyDocument[];
}

/** A role to be assumed: its ARN and its trust policy. */
export interface AssumableRole {
  readonly arn: string;
  readonly trust: PolicyDocument;
}

function namesExactly(trust: PolicyDocument, arn: string): boolean {
  return trust.Statement.some((statement) => {
    if (statement.Effect !== 'Allow') return false;
    const named = statement.Principal?.AWS;
    return named === arn || (Array.isArray(named) && named.includes(arn));
  });
}

/**
 * One hop of a role chain, sts:AssumeRole as IAM decides it: the caller's own policies and the role's
 * trust policy together. The simulator applies the cross-account rule (in another account both must
 * allow; in the same account a trust naming the caller is enough). It does not know one rule, added
 * here: a role assuming itself must be named, by its ARN, in its own trust policy (AWS Security Blog,
 * "Announcing an update to IAM role trust policy behavior"); trusting its account's root is not enough.
 */
export async function decideHop(caller: Identity, role: AssumableRole): Promise<Decision> {
  const validated = createValidatedPolicy(role.trust, validateTrustPolicy, { name: 'trust' });
  if (validated.errors.length > 0) throw new Error(`invalid trust policy: ${JSON.stringify(validated.errors)}`);
  if (caller.arn === role.arn && !namesExactly(role.trust, role.arn)) return 'ImplicitlyDenied';
  const response = await runSimulation(
    {
      request: {
        principal: caller.arn,
        action: 'sts:AssumeRole',
        resource: { resource: role.arn, accountId: role.arn.split(':')[4] ?? '' },
        contextVariables: {},
      },
      identityPolicies: identityPolicies(caller.policies),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: role.trust,
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
