import { backendSettings } from '../../naming/backend-settings';
import { BOOTSTRAP_VERSION, bootstrapParameterName, bootstrapParameterPath } from '../../naming/bootstrap-version';
import { BOOTSTRAP_STACK } from '../../config/stack-names';
import { deployRoles } from '../../naming/deploy-roles';
import { environmentNames, requireEnvironment } from '../../naming/environments';
import { planRoles } from '../../naming/plan-roles';
import type { ValidProject } from '../../naming/project';
import {
  crossAccountEnvironments,
  environmentAccount,
  reachesStateThroughRole,
  stateRoleArn,
} from '../../naming/state-roles';
import { awsErrorName, isMissingTable, networkErrorCode } from '../aws/errors';
import type { AwsSession } from './aws-session';

/**
 * What `npm run preflight` checks before a first deploy on real AWS, with the caller's credentials:
 * everything the role chain (docs/multi-account.md#the-trust-chain) and the first deploy need that
 * the synth cannot see. Reads only; the one kind of "action" is sts:AssumeRole, which writes nothing.
 */

export type CheckStatus = 'ok' | 'missing' | 'cannot check';

export interface CheckResult {
  /** `bootstrap` or an environment. */
  readonly target: string;
  /** What was checked, e.g. "state role arn:aws:iam::...:role/acme-tfstate-dev". */
  readonly check: string;
  readonly status: CheckStatus;
  /** What was found (ok), what is missing, or why it cannot be checked. */
  readonly detail: string;
  /** For `missing`: what to do. */
  readonly fix?: string;
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'Forbidden', 'UnauthorizedOperation']);

function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED.has(awsErrorName(error) ?? '');
}

/** An AWS failure in words: the error's name and message, or the network problem. */
function failure(error: unknown): string {
  const code = networkErrorCode(error);
  if (code !== undefined) return `cannot reach AWS (${code})`;
  const name = awsErrorName(error) ?? 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return message === '' || message === name ? name : `${name}: ${message}`;
}

/** An IAM principal ARN, as a trust policy names it. */
interface Principal {
  readonly arn: string;
  readonly account: string;
  readonly kind: 'role' | 'user' | 'root';
  /** The name GetRole/GetUser take: the last part of the ARN, without its path. */
  readonly name: string;
}

export function parsePrincipal(arn: string): Principal | undefined {
  const match = /^arn:[\w-]+:iam::(\d{12}):(role|user|root)(?:\/(?:[^/]+\/)*([^/]+))?$/.exec(arn);
  if (match === null) return undefined;
  const kind = match[2] as Principal['kind'];
  return { arn, account: match[1] ?? '', kind, name: kind === 'root' ? '' : (match[3] ?? '') };
}

/** The IAM role behind an STS session ARN (`arn:aws:sts::A:assumed-role/Name/session`), for a trust to name. */
export function principalOfSession(arn: string): string {
  const match = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return match === null ? arn : `arn:${match[1] ?? 'aws'}:iam::${match[2] ?? ''}:role/${match[3] ?? ''}`;
}

interface Checker {
  readonly target: string;
  readonly results: CheckResult[];
  ok(check: string, detail: string): void;
  missing(check: string, detail: string, fix: string): void;
  cannot(check: string, detail: string): void;
}

function checker(target: string): Checker {
  const results: CheckResult[] = [];
  return {
    target,
    results,
    ok: (check, detail) => results.push({ target, check, status: 'ok', detail }),
    missing: (check, detail, fix) => results.push({ target, check, status: 'missing', detail, fix }),
    cannot: (check, detail) => results.push({ target, check, status: 'cannot check', detail }),
  };
}

/** Who the caller is; undefined (and reported) when the credentials do not work at all. */
async function identify(
  out: Checker,
  caller: AwsSession,
): Promise<{ readonly account: string; readonly arn: string } | undefined> {
  try {
    const identity = await caller.whoAmI();
    out.ok('credentials', `${identity.arn} (account ${identity.account})`);
    return identity;
  } catch (error) {
    out.missing(
      'credentials',
      failure(error),
      networkErrorCode(error) !== undefined
        ? 'check the network connection; with AWS_ENDPOINT_URL set, is the emulator running?'
        : 'set AWS_PROFILE (and run `aws sso login` if it uses SSO) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; for the emulator set AWS_ENDPOINT_URL',
    );
    return undefined;
  }
}

/** A real sts:AssumeRole; the session, or undefined once the refusal is reported. */
async function assume(
  out: Checker,
  caller: AwsSession,
  callerArn: string,
  role: { readonly arn: string; readonly what: string; readonly fix: string },
): Promise<AwsSession | undefined> {
  const check = `assume ${role.what} ${role.arn}`;
  try {
    const session = await caller.assumeRole(role.arn);
    out.ok(check, `as ${callerArn}`);
    return session;
  } catch (error) {
    if (isAccessDenied(error)) {
      out.missing(check, `refused for ${callerArn}: ${failure(error)}`, role.fix);
    } else {
      out.cannot(check, failure(error));
    }
    return undefined;
  }
}

/** The bootstrap: its account, and every principal and policy its IAM will name. */
async function bootstrapChecks(project: ValidProject, caller: AwsSession): Promise<CheckResult[]> {
  const { config } = project;
  const out = checker(BOOTSTRAP_STACK);
  const identity = await identify(out, caller);
  if (identity === undefined) return out.results;

  let session = caller;
  let account = identity.account;
  if (config.deployRoleArn !== undefined) {
    const assumed = await assume(out, caller, principalOfSession(identity.arn), {
      arn: config.deployRoleArn,
      what: "the bootstrap's deployRoleArn",
      fix: `its trust policy must admit ${principalOfSession(identity.arn)} (and, from another account, your own policy must allow sts:AssumeRole on it); or leave deployRoleArn out and run with credentials of the state account`,
    });
    if (assumed === undefined) return out.results;
    session = assumed;
    account = (await assumed.whoAmI()).account;
  }
  if (config.accountId === undefined) {
    out.ok('account', `no accountId configured: the bootstrap deploys into account ${account}`);
  } else if (account === config.accountId) {
    out.ok('account', `${account}, the state account (accountId)`);
  } else {
    out.missing(
      'account',
      `your credentials act in account ${account}, the state account (accountId) is ${config.accountId}`,
      `use credentials of account ${config.accountId}, or set deployRoleArn to a role there that yours may assume`,
    );
    return out.results;
  }

  const principals = new Map<string, string[]>();
  for (const environment of crossAccountEnvironments(project)) {
    for (const arn of requireEnvironment(project, environment).config.stateAccessPrincipals ?? []) {
      principals.set(arn, [...(principals.get(arn) ?? []), environment]);
    }
  }
  for (const [arn, environments] of principals) {
    await principalCheck(out, session, account, arn, environments);
  }

  const github = config.ci?.github;
  if (github?.oidcProviderArn !== undefined) {
    await existenceCheck(
      out,
      `GitHub OIDC provider ${github.oidcProviderArn}`,
      () => session.oidcProviderExists(github.oidcProviderArn ?? ''),
      'create it (IAM > Identity providers), or leave ci.github.oidcProviderArn out and the bootstrap creates it',
    );
  }
  // Of the state account or AWS's (the synth refuses others): the bootstrap attaches them.
  const policies = new Set([
    ...deployRoles(project).flatMap((role) => role.workloadPolicyArns),
    ...planRoles(project).flatMap((role) => role.planPolicyArns),
  ]);
  for (const arn of policies) {
    await existenceCheck(
      out,
      `policy ${arn}`,
      () => session.policyExists(arn),
      'create it first, or remove it from ci.github',
    );
  }
  return out.results;
}

async function existenceCheck(out: Checker, check: string, exists: () => Promise<boolean>, fix: string): Promise<void> {
  try {
    if (await exists()) out.ok(check, 'exists');
    else out.missing(check, 'does not exist', fix);
  } catch (error) {
    out.cannot(check, isAccessDenied(error) ? `no permission to look it up (${failure(error)})` : failure(error));
  }
}

async function principalCheck(
  out: Checker,
  session: AwsSession,
  account: string,
  arn: string,
  environments: readonly string[],
): Promise<void> {
  const check = `principal ${arn}`;
  const principal = parsePrincipal(arn);
  const where = environments.map((environment) => `environments.${environment}.stateAccessPrincipals`).join(', ');
  if (principal === undefined) {
    out.cannot(check, 'not a role, user or account root ARN');
  } else if (principal.account !== account) {
    out.cannot(
      check,
      `in account ${principal.account}, not ${account}: IAM shows only the caller's own account; run preflight there, or make sure it exists before the bootstrap deploy`,
    );
  } else if (principal.kind === 'root') {
    out.ok(check, "this account's root");
  } else {
    await existenceCheck(
      out,
      check,
      () => (principal.kind === 'role' ? session.roleExists(principal.name) : session.userExists(principal.name)),
      `create the ${principal.kind} first, or remove it from ${where}: IAM refuses a trust policy naming a principal that does not exist`,
    );
  }
}

/** One environment: the state storage, both hops of its chain, its account, the bootstrap record. */
async function environmentChecks(
  project: ValidProject,
  environment: string,
  caller: AwsSession,
): Promise<CheckResult[]> {
  const { config } = project;
  const env = requireEnvironment(project, environment);
  const out = checker(environment);
  const identity = await identify(out, caller);
  if (identity === undefined) return out.results;
  const runner = principalOfSession(identity.arn);

  // Hop 1: the state, through the environment's state role when it is in another account.
  let state: AwsSession | undefined = caller;
  if (reachesStateThroughRole(project, environment)) {
    state = await assume(out, caller, runner, {
      arn: stateRoleArn(project, environment),
      what: 'the state role',
      fix: `name ${runner} in environments.${environment}.stateAccessPrincipals and run npx cdktf deploy bootstrap; from another account than ${config.accountId ?? 'the state account'}, your own policy must also allow sts:AssumeRole on it (docs/multi-account.md#the-trust-chain)`,
    });
  }
  if (state !== undefined) await stateStorageChecks(out, project, environment, state);
  else out.cannot('state storage', 'without the state role there is no way to look');

  // Hop 2: the environment's resources, through its deployRoleArn when it names one.
  let provider: AwsSession | undefined = caller;
  const deployRoleArn = env.config.deployRoleArn;
  if (deployRoleArn !== undefined) {
    provider = await assume(out, caller, runner, {
      arn: deployRoleArn,
      what: "the environment's deployRoleArn",
      fix: `its trust policy, in account ${deployRoleArn.split(':')[4] ?? ''}, must admit ${runner}; from another account, your own policy must also allow sts:AssumeRole on it (docs/multi-account.md#the-trust-chain)`,
    });
  }
  const own = environmentAccount(project, environment);
  const allowed = env.config.allowedAccountIds ?? (own === undefined ? undefined : [own]);
  if (provider !== undefined) {
    const account = provider === caller ? identity.account : (await provider.whoAmI()).account;
    if (allowed === undefined || allowed.includes(account)) {
      out.ok('account', `Terraform deploys ${environment} into account ${account}`);
    } else {
      out.missing(
        'account',
        `Terraform would deploy ${environment} into account ${account}, but it may deploy only into ${allowed.join(', ')}`,
        deployRoleArn === undefined
          ? `use credentials of account ${allowed.join(' or ')}, or set environments.${environment}.deployRoleArn`
          : `environments.${environment}.deployRoleArn must be a role of account ${allowed.join(' or ')}`,
      );
    }
  }
  return out.results;
}

/** The bucket, the table and the record, with the requests a state policy allows (no HeadBucket, no DescribeTable). */
async function stateStorageChecks(
  out: Checker,
  project: ValidProject,
  environment: string,
  state: AwsSession,
): Promise<void> {
  const { config, names } = project;
  const settings = backendSettings(project, environment);
  const { names: stateNames } = requireEnvironment(project, environment);
  const bootstrapFirst = 'run npx cdktf deploy bootstrap (with credentials of the state account)';
  const noAccess = `the credentials need ${environment}'s state policy, ${config.project}-tfstate-${environment} (docs/iam.md#attaching-a-state-policy)`;

  try {
    await state.listStateKey(names.stateBucket, stateNames.stateKey);
    out.ok(`state bucket ${names.stateBucket}`, `exists; ${environment}'s key is readable`);
  } catch (error) {
    if (awsErrorName(error) === 'NoSuchBucket')
      out.missing(`state bucket ${names.stateBucket}`, 'does not exist', bootstrapFirst);
    else if (isAccessDenied(error))
      out.missing(`state bucket ${names.stateBucket}`, `access denied: ${failure(error)}`, noAccess);
    else out.cannot(`state bucket ${names.stateBucket}`, failure(error));
  }

  if (settings.dynamodb_table !== undefined) {
    const check = `lock table ${settings.dynamodb_table}`;
    try {
      await state.readItem(settings.dynamodb_table, stateNames.digestId);
      out.ok(check, `exists; ${environment}'s digest is readable`);
    } catch (error) {
      if (isMissingTable(error)) out.missing(check, 'does not exist', bootstrapFirst);
      else if (isAccessDenied(error)) out.missing(check, `access denied: ${failure(error)}`, noAccess);
      else out.cannot(check, failure(error));
    }
  }

  const name = bootstrapParameterName(config.project);
  const check = `bootstrap record ${name}`;
  let parameters: Readonly<Record<string, string>>;
  try {
    parameters = await state.parametersByPath(bootstrapParameterPath(config.project));
  } catch (error) {
    if (isAccessDenied(error)) out.missing(check, `access denied: ${failure(error)}`, noAccess);
    else out.cannot(check, failure(error));
    return;
  }
  const verdict = recordVerdict(parameters[name], environment);
  if (verdict.ok) out.ok(check, verdict.detail);
  else out.missing(check, verdict.detail, bootstrapFirst);
}

/** What the environment's plan-time version check would say of the record (constructs/bootstrap-version-check.ts). */
export function recordVerdict(
  raw: string | undefined,
  environment: string,
): { readonly ok: boolean; readonly detail: string } {
  const needs = `${environment} needs bootstrap version ${BOOTSTRAP_VERSION}`;
  if (raw === undefined) return { ok: false, detail: `${needs}, found none` };
  let record: { version?: unknown; environments?: unknown };
  try {
    record = JSON.parse(raw) as typeof record;
  } catch {
    return { ok: false, detail: `${needs}, found an unreadable record` };
  }
  if (typeof record.version !== 'number') return { ok: false, detail: `${needs}, found an unreadable record` };
  if (record.version < BOOTSTRAP_VERSION) return { ok: false, detail: `${needs}, found ${record.version}` };
  if (!Array.isArray(record.environments) || !record.environments.includes(environment)) {
    return { ok: false, detail: `${needs}, found ${record.version}, but ${environment} is not in it` };
  }
  return { ok: true, detail: `version ${record.version}, deployed for ${environment}` };
}

/** The checks of one target (`bootstrap` or an environment), or of all of them in order. */
export async function runChecks(project: ValidProject, caller: AwsSession, target?: string): Promise<CheckResult[]> {
  if (target === BOOTSTRAP_STACK) return bootstrapChecks(project, caller);
  if (target !== undefined) return environmentChecks(project, target, caller);
  const results = await bootstrapChecks(project, caller);
  for (const environment of environmentNames(project))
    results.push(...(await environmentChecks(project, environment, caller)));
  return results;
}
