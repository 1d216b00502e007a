import type { Construct } from 'constructs';
import type { ValidProject } from '../naming/project';

/** What every workload's constructor receives. */
export interface WorkloadProps {
  /** The validated configuration and every name derived from it. */
  readonly project: ValidProject;
  /** The environment being built: a key of `environments` in config/project.ts. */
  readonly environment: string;
}

/**
 * A workload: the default export of a file in workloads/, a construct class. The environment
 * stack creates it with the file's name as its construct ID.
 */
export type WorkloadClass = new (scope: Construct, id: string, props: WorkloadProps) => Construct;
