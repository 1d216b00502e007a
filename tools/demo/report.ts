import * as path from 'node:path';
import type { ValidProject } from '../../naming/project';
import { formatTable } from '../cli/text-table';
import type { DeploymentView } from './inspect';

/** Quotes a word for a POSIX shell only when it needs it, so printed commands stay readable. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What now exists, in the terms of the docs: bucket, table, state keys, digests, locks. */
export function renderDeployment(view: DeploymentView, project: ValidProject, endpoint: string): string {
  const { config } = project;
  const lines = [`What now exists on the emulator at ${endpoint} (region ${config.stateRegion}):`, ''];
  const bucketDetails = [
    view.bucket.versioning && `versioning ${view.bucket.versioning}`,
    view.bucket.encryption && `default encryption ${view.bucket.encryption}`,
  ]
    .filter(Boolean)
    .join(', ');
  lines.push(
    ...formatTable(
      [
        ['State bucket', view.bucket.name, bucketDetails === '' ? '' : `(${bucketDetails})`],
        [
          'Lock table',
          view.table?.name ?? project.names.lockTable,
          view.table
            ? `(${view.table.status ?? 'status unknown'}, ${plural(view.table.items, 'item')})`
            : '(does not exist)',
        ],
      ],
      '  ',
    ),
  );

  lines.push('', '  State of each environment (the S3 backend key, in the state bucket):');
  lines.push(
    ...formatTable(
      view.environments.map((environment) => [
        environment.environment,
        `s3://${view.bucket.name}/${environment.key}`,
        environment.size === undefined
          ? 'no state object'
          : `${environment.size} bytes, ${plural(environment.versions, 'version')}`,
      ]),
      '    ',
    ),
  );

  if (view.table !== undefined) {
    lines.push('', `  Items in the lock table (LockID = "<bucket>/<key>"):`);
    if (view.digests.length === 0) {
      lines.push(
        config.locking === 's3'
          ? '    no digest items: in "s3" locking mode Terraform keeps none'
          : '    no digest items',
      );
    }
    lines.push(
      ...formatTable(
        view.digests.map((item) => [
          item.lockId,
          `Digest ${item.digest}`,
          item.environment === undefined ? '' : `(${item.environment}'s state MD5, not a lock)`,
        ]),
        '    ',
      ),
    );
    if (view.locks.length === 0) lines.push('    No lock item is held: every run released its lock.');
    else
      lines.push(
        ...view.locks.map(
          (lock) =>
            `    LOCK HELD: ${lock.lockId}${lock.who ? ` by ${lock.who}` : ''}${lock.operation ? ` (${lock.operation})` : ''}`,
        ),
      );
  }
  const heldLockfiles = view.environments.filter((environment) => environment.lockfileHeld);
  if (heldLockfiles.length > 0)
    lines.push(
      ...heldLockfiles.map((environment) => `    S3 LOCK HELD: s3://${view.bucket.name}/${environment.key}.tflock`),
    );

  const workloads = view.environments.filter((environment) => environment.workloadBucket !== undefined);
  if (workloads.length > 0) {
    lines.push('', "  Each environment's workload (a private bucket, to give the deploy something real to do):");
    lines.push(
      ...formatTable(
        workloads.map((environment) => [environment.environment, environment.workloadBucket ?? '']),
        '    ',
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

export interface LookAroundContext {
  readonly endpoint: string;
  /** The scratch copy of the project. */
  readonly projectDirectory: string;
  readonly environments: readonly string[];
}

/** The exact commands to look at the result yourself, while the emulator runs. */
export function lookAroundCommands({ config, names }: ValidProject, context: LookAroundContext): string[] {
  const endpoint = shellWord(context.endpoint);
  const aws = `aws --endpoint-url ${endpoint}`;
  const directory = shellWord(context.projectDirectory);
  const firstEnvironment = context.environments[0];
  const firstKey = firstEnvironment === undefined ? undefined : names.environments[firstEnvironment]?.stateKey;
  return [
    `export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=${config.stateRegion}   # any credentials work on the emulator`,
    `${aws} s3 ls s3://${names.stateBucket} --recursive`,
    ...(firstKey === undefined
      ? []
      : [`${aws} s3api list-object-versions --bucket ${names.stateBucket} --prefix ${shellWord(firstKey)}`]),
    `${aws} dynamodb scan --table-name ${names.lockTable}`,
    `cd ${directory} && AWS_ENDPOINT_URL=${endpoint} npm run locks -- list`,
    ...(firstEnvironment === undefined
      ? []
      : [
          `terraform -chdir=${shellWord(path.join(context.projectDirectory, 'cdktf.out', 'stacks', firstEnvironment))} state list`,
        ]),
  ];
}

export function renderLookAround(project: ValidProject, context: LookAroundContext, kept: boolean): string {
  const heading = kept
    ? 'Look at it yourself:'
    : 'Look at it yourself with `npm run demo -- --keep`, which leaves the emulator running (this run stops it), then:';
  return `${[heading, ...lookAroundCommands(project, context).map((command) => `  ${command}`)].join('\n')}\n`;
}

export interface KeptEmulator {
  readonly endpoint: string;
  readonly pid: number;
  readonly logFile: string;
  /** The demo's directory: the scratch project, the logs, the Terraform CLI configuration. */
  readonly workDirectory: string;
  /** Undefined when the demo stopped before copying the project. */
  readonly projectDirectory?: string;
}

export function renderKept(kept: KeptEmulator): string {
  return [
    'The emulator is still running (--keep):',
    `  endpoint           ${kept.endpoint}`,
    `  PID                ${kept.pid}`,
    `  emulator log       ${kept.logFile}`,
    ...(kept.projectDirectory === undefined ? [] : [`  scratch project    ${kept.projectDirectory}`]),
    'Stop it and remove the scratch directory with:',
    `  kill ${kept.pid} && rm -rf ${shellWord(kept.workDirectory)}`,
    '',
  ].join('\n');
}
