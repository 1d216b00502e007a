import type { ValidProject } from '../../naming/project';
import { callerSession, type AwsSession } from './aws-session';

/** What preflight runs with: the validated project and the caller's credentials. */
export interface PreflightContext {
  readonly project: ValidProject;
  /** The caller's own credentials; every role is assumed from them, as Terraform's backend and provider do. */
  readonly caller: AwsSession;
}

/** The real context: the default credential chain (or the emulator from AWS_ENDPOINT_URL), in the state region. */
export function awsPreflightContext(project: ValidProject, env: NodeJS.ProcessEnv = process.env): PreflightContext {
  return { project, caller: callerSession(project.config.stateRegion, env) };
}
