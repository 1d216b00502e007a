import { deployRoles } from '../../naming/deploy-roles';
import { planRoleArn, planRoles } from '../../naming/plan-roles';
import type { ValidProject } from '../../naming/project';
import { ciDeployRoleArn } from '../../naming/state-roles';
import { ToolError } from '../cli/errors';

/** One environment as a workflow's matrix entry: its name and the role its job assumes. */
export interface MatrixEntry {
  readonly name: string;
  readonly role: string;
}

/**
 * What the deploy and drift workflows read from `config/project.ts` (docs/pipeline.md), so that
 * adding an environment is one line of configuration and no workflow edit.
 */
export interface CiEnvironments {
  /** Where the jobs call STS: the state region. */
  readonly region: string;
  /** Pull-request diffs and the drift check: each environment a plan role can plan, with that role. */
  readonly plan: readonly MatrixEntry[];
  /** Deployed first on the main branch, in parallel: environments without required reviewers. */
  readonly unprotected: readonly MatrixEntry[];
  /** Deployed after those, each behind its GitHub environment's reviewers (`protectedEnvironments`). */
  readonly protected: readonly MatrixEntry[];
  /** Environments no plan role can plan (in another account): diffed only when deployed. */
  readonly notPlanned: readonly string[];
}

export function ciEnvironments(project: ValidProject): CiEnvironments {
  const { config } = project;
  if (config.ci?.github === undefined) {
    throw new ToolError(
      'ci.github is not configured in config/project.ts: the deploy and drift workflows assume the roles the bootstrap creates with it (docs/pipeline.md)',
    );
  }
  const deploy = deployRoles(project);
  const entry = (environment: string, role: string): MatrixEntry => ({ name: environment, role });
  const planned = planRoles(project).map((role) => role.environment);
  return {
    region: config.stateRegion,
    plan: planned.map((environment) => entry(environment, planRoleArn(project, environment))),
    unprotected: deploy
      .filter((role) => !role.protected)
      .map((role) => entry(role.environment, ciDeployRoleArn(project, role.environment))),
    protected: deploy
      .filter((role) => role.protected)
      .map((role) => entry(role.environment, ciDeployRoleArn(project, role.environment))),
    notPlanned: deploy.map((role) => role.environment).filter((environment) => !planned.includes(environment)),
  };
}

/** `$GITHUB_OUTPUT` lines: one `key=<compact JSON>` per list, and the region as it is. */
export function githubOutputLines(environments: CiEnvironments): string {
  return [
    `region=${environments.region}`,
    `plan=${JSON.stringify(environments.plan)}`,
    `unprotected=${JSON.stringify(environments.unprotected)}`,
    `protected=${JSON.stringify(environments.protected)}`,
    `not-planned=${JSON.stringify(environments.notPlanned)}`,
    '',
  ].join('\n');
}
