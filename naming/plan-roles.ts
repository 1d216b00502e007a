import type { GitHubCiConfig } from '../config/types';
import { githubOidcTrustPolicy } from './deploy-roles';
import { environmentNames } from './environments';
import { arns, awsPartition, policyDocument, type PolicyDocument, type PolicyStatement } from './iam-policy';
import type { ValidProject } from './project';
import { stateAccessPolicy, type StateAccessTarget } from './state-access-policy';
import { reachesStateThroughRole } from './state-roles';

/**
 * CI plan roles (`ci.github`): one per environment, for the plans of pull requests and of the drift
 * check. A plan reads the state, takes and releases the lock, reads the digest and the bootstrap
 * record; it never writes the state object or the digest, and this role cannot. docs/iam.md.
 */

/** The branch the drift check runs on when `ci.github.defaultBranch` is not set. */
export const DEFAULT_BRANCH = 'main';

export function planRoleName(project: string, environment: string): string {
  return `${project}-plan-${environment}`;
}

/**
 * The managed policy a plan role holds for its state. `tfplan`, not `tfstate-plan`: an environment
 * called `plan-dev` must not share a name with dev's plan policy.
 */
export function planPolicyName(project: string, environment: string): string {
  return `${project}-tfplan-${environment}`;
}

/** One environment's plan role, as the configuration describes it. */
export interface PlanRole {
  readonly environment: string;
  readonly roleName: string;
  readonly policyName: string;
  /** Managed policies the role holds besides its plan policy: read access to the environment's resources. */
  readonly planPolicyArns: readonly string[];
}

/**
 * The plan roles, one per environment a plan role can plan, in the configuration's order; none
 * without `ci.github`. Not for an environment in another account: it reaches its state through its
 * state role, which holds the full state policy and trusts only its runners and its deploy role, so
 * a plan role could plan it only by writing-capable credentials. Its plans run at deploy time
 * (docs/iam.md#plan-roles).
 */
export function planRoles(project: ValidProject): PlanRole[] {
  const github = project.config.ci?.github;
  if (github === undefined) return [];
  const plannable = environmentNames(project).filter((environment) => !reachesStateThroughRole(project, environment));
  return plannable.map((environment) => ({
    environment,
    roleName: planRoleName(project.config.project, environment),
    policyName: planPolicyName(project.config.project, environment),
    planPolicyArns: Object.hasOwn(github.planPolicyArns ?? {}, environment)
      ? [...new Set(github.planPolicyArns?.[environment] ?? [])]
      : [],
  }));
}

/** The ARN of an environment's plan role, in the state account. */
export function planRoleArn(project: ValidProject, environment: string): string {
  const { config } = project;
  if (config.accountId === undefined) throw new Error('planRoleArn: the state account (accountId) is not set');
  return arns.role(awsPartition(config.stateRegion).name, config.accountId, planRoleName(config.project, environment));
}

/** The environments a plan role can plan (those with a plan role). */
export function plannableEnvironments(project: ValidProject): string[] {
  return planRoles(project).map((role) => role.environment);
}

/** The `sub` claims of a pull request's job, and of a job on a branch (a push, a schedule, a manual run). */
export function githubPullRequestSubject(repository: string): string {
  return `repo:${repository}:pull_request`;
}

export function githubBranchSubject(repository: string, branch: string): string {
  return `repo:${repository}:ref:refs/heads/${branch}`;
}

/**
 * Who may assume a plan role: a job of `repository` for a pull request (no GitHub environment:
 * pull requests of forks get no token at all), or a job on the default branch that names no GitHub
 * environment, which is what the scheduled drift check is. Nothing else: other branches, tags and
 * GitHub environments are refused. The audience is pinned.
 */
export function githubPlanTrustPolicy(
  github: Pick<GitHubCiConfig, 'repository' | 'defaultBranch'>,
  oidcProviderArn: string,
): PolicyDocument {
  return githubOidcTrustPolicy('GitHubPullRequestOrDefaultBranch', oidcProviderArn, [
    githubPullRequestSubject(github.repository),
    githubBranchSubject(github.repository, github.defaultBranch ?? DEFAULT_BRANCH),
  ]);
}

/**
 * The plan policy: the environment's state policy (state-access-policy.ts) without its writes. Each
 * statement is kept, narrowed or refused by its Sid, so a statement added to the state policy later
 * must be decided on here before any plan role can be synthesized.
 */
function narrowed(statement: PolicyStatement, Sid: string, Action: string): PolicyStatement {
  const { Action: _all, NotAction: _none, ...rest } = statement;
  return { ...rest, Sid, Action };
}

const PLAN_STATEMENTS: Readonly<Record<string, (statement: PolicyStatement) => PolicyStatement>> = {
  // The not-found answer for a new state, as for a deploy.
  ListOwnStateKey: (statement) => statement,
  // HeadObject and GetObject of the state; never PutObject.
  ReadWriteState: (statement) => narrowed(statement, 'ReadState', 's3:GetObject'),
  // The state's history (npm run state -- history): reads only, as the state policy has them.
  ReadOwnStateHistory: (statement) => statement,
  ReadOwnStateVersions: (statement) => statement,
  // A plan takes and releases the lock like a deploy: the lockfile...
  TakeReleaseLockfile: (statement) => statement,
  // ...and the lock item.
  TakeReleaseLockItem: (statement) => statement,
  // The digest is compared on every state read; it is written only with the state.
  ReadWriteStateDigest: (statement) => narrowed(statement, 'ReadStateDigest', 'dynamodb:GetItem'),
  // Decrypt to read the state; GenerateDataKey to write the lockfile or lock item under the key.
  UseStateKeyThroughStorage: (statement) => statement,
  // The lock item's table is encrypted with the same key: Decrypt through DynamoDB, to take the lock.
  UseStateKeyThroughLockTable: (statement) => statement,
  // The plan-time version check.
  ReadBootstrapRecord: (statement) => statement,
};

export function planAccessPolicy(
  project: ValidProject,
  environment: string,
  target: StateAccessTarget,
): PolicyDocument {
  return planPolicyOf(stateAccessPolicy(project, environment, target));
}

/** A state policy without its writes (the plan policy), or an error naming a statement not decided on. */
export function planPolicyOf(statePolicy: PolicyDocument): PolicyDocument {
  return policyDocument(
    statePolicy.Statement.map((statement) => {
      const narrow = Object.hasOwn(PLAN_STATEMENTS, statement.Sid) ? PLAN_STATEMENTS[statement.Sid] : undefined;
      if (narrow === undefined) {
        throw new Error(
          `planAccessPolicy: the state policy's statement "${statement.Sid}" is not known here; decide whether a plan needs it (naming/plan-roles.ts)`,
        );
      }
      return narrow(statement);
    }),
  );
}
