import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectConfig } from '../../config/project';
import type { ProjectConfig } from '../../config/types';
import { ToolError } from '../cli/errors';
import { copyProject, projectConfigSource, writeProjectConfig } from '../project-copy';
import { terraformEnv, writeTerraformCliConfig } from '../terraform/cli-config';
import type { CommandResult } from '../terraform/run';
import { runCdktf, runCdktn } from './clis';
import { compareSynth, type StackDifference, type SynthOutput } from './compare';
import { migrateToTerrain } from './migrate';
import { findNodeForCdktn, type NodeRuntime } from './node-runtime';

/**
 * `npm run check:terrain`: the project's stacks synthesized by cdktf and by CDK Terrain (cdktn),
 * compared stack by stack. Two configurations, so that every construct and backend setting is
 * covered (the shipped one locks in DynamoDB; the other uses every option: S3 locking with the
 * table retired, a customer-managed key, the bootstrap's state in the bucket), each in both
 * modes (AWS, and emulator mode, where an Aspect rewrites providers, backends and the bucket
 * policy).
 */
export const CHECK_CONFIGURATIONS = {
  shipped: undefined,
  'all-options': {
    ...projectConfig,
    locking: 's3',
    retireLockTable: true,
    stateEncryption: 'customer-managed',
    bootstrapState: 's3',
    noncurrentVersionRetentionDays: 30,
  },
} as const satisfies Record<string, ProjectConfig | undefined>;

export type CheckConfiguration = keyof typeof CHECK_CONFIGURATIONS;

/** Emulator mode needs only AWS_ENDPOINT_URL at synth time; nothing listens there. */
export const CHECK_MODES = { aws: {}, emulator: { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' } } as const;

export type CheckMode = keyof typeof CHECK_MODES;

export interface CaseResult {
  readonly configuration: CheckConfiguration;
  readonly mode: CheckMode;
  readonly stacks: readonly string[];
  readonly differences: readonly StackDifference[];
}

export interface CheckVersions {
  readonly cdktf: string;
  readonly cdktfCli: string;
  readonly cdktn: string;
  readonly cdktnCli: string;
  readonly providerAws: string;
  readonly constructs: string;
  /** Node.js running the cdktf CLI (this process's) and the cdktn CLI. */
  readonly nodeForCdktf: string;
  readonly nodeForCdktn: string;
}

export interface TerrainCheckResult {
  readonly versions: CheckVersions;
  readonly runtime: NodeRuntime;
  readonly cases: readonly CaseResult[];
  readonly unexplained: number;
  readonly durationMs: number;
}

export interface TerrainCheckOptions {
  /** The project to check (its sources and node_modules). */
  readonly projectDir: string;
  /** Scratch directory for the copies, their output and the CLIs' HOME; the caller removes it. */
  readonly workDir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

function installedVersion(projectDir: string, name: string): string {
  const file = path.join(projectDir, 'node_modules', name, 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/** The CLIs' environment: a private HOME and CLI configuration, no inherited cdktf options or endpoint. */
function cliEnv(workDir: string, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const home = path.join(workDir, 'home');
  fs.mkdirSync(home, { recursive: true });
  const cliConfigFile = writeTerraformCliConfig(path.join(workDir, 'terraform'), {});
  const inherited = Object.fromEntries(
    Object.entries(base).filter(([key]) => !key.startsWith('CDKTF_') && key !== 'AWS_ENDPOINT_URL'),
  );
  return { ...terraformEnv({ cliConfigFile, home }, inherited), CI: '1', FORCE_COLOR: '0' };
}

/** What a synth wrote to `outdir`: each stack of the manifest, its JSON and its files. */
export function readSynthOutput(outdir: string): SynthOutput {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string; workingDirectory: string }>;
  };
  const stacks: Record<string, { json: unknown; files: string[] }> = {};
  for (const [name, stack] of Object.entries(manifest.stacks)) {
    stacks[name] = {
      json: JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as unknown,
      files: fs.readdirSync(path.join(outdir, stack.workingDirectory)).sort(),
    };
  }
  return { stacks };
}

function expectSynthesized(result: CommandResult, what: string): void {
  if (result.exitCode === 0) return;
  throw new ToolError(
    `${what} failed (exit ${result.exitCode}): ${result.command}\n${result.stdout.trim()}\n${result.stderr.trim()}`,
  );
}

/** Runs `tasks` at most `limit` at a time, keeping their order in the result. */
async function inBatches<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (task !== undefined) results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const MODES = Object.keys(CHECK_MODES) as CheckMode[];

export async function runTerrainCheck(options: TerrainCheckOptions): Promise<TerrainCheckResult> {
  const started = Date.now();
  const { projectDir, workDir } = options;
  const log = options.log ?? (() => undefined);
  const runtime = await findNodeForCdktn(projectDir, options.env ?? process.env);
  log(`cdktn CLI runs on Node.js ${runtime.version} (${runtime.node})`);
  const env = cliEnv(workDir, options.env ?? process.env);
  const nodeModules = path.join(projectDir, 'node_modules');

  // One copy per configuration and core; each synthesizes both modes into its own output directories.
  const copies = (Object.keys(CHECK_CONFIGURATIONS) as CheckConfiguration[]).flatMap((configuration) =>
    (['cdktf', 'cdktn'] as const).map((core) => {
      const directory = copyProject(projectDir, path.join(workDir, configuration, core));
      const config = CHECK_CONFIGURATIONS[configuration];
      if (config !== undefined) writeProjectConfig(directory, projectConfigSource(config));
      if (core === 'cdktn') migrateToTerrain(directory, nodeModules);
      return { configuration, core, directory };
    }),
  );

  await inBatches(
    copies.map((copy) => async () => {
      for (const mode of MODES) {
        const args = ['synth', '--output', `out-${mode}`];
        const run = { projectDir: copy.directory, env: { ...env, ...CHECK_MODES[mode] }, timeoutMs: 180_000 };
        const result = copy.core === 'cdktf' ? await runCdktf(args, run) : await runCdktn(runtime, args, run);
        expectSynthesized(result, `${copy.core} synth (${copy.configuration} configuration, ${mode} mode)`);
        log(`${copy.core} synth: ${copy.configuration} configuration, ${mode} mode (${result.durationMs} ms)`);
      }
    }),
    2,
  );

  const cases: CaseResult[] = [];
  for (const configuration of Object.keys(CHECK_CONFIGURATIONS) as CheckConfiguration[]) {
    for (const mode of MODES) {
      const output = (core: 'cdktf' | 'cdktn') =>
        readSynthOutput(path.join(workDir, configuration, core, `out-${mode}`));
      const cdktf = output('cdktf');
      cases.push({
        configuration,
        mode,
        stacks: Object.keys(cdktf.stacks).sort(),
        differences: compareSynth(cdktf, output('cdktn')),
      });
    }
  }

  return {
    versions: {
      cdktf: installedVersion(projectDir, 'cdktf'),
      cdktfCli: installedVersion(projectDir, 'cdktf-cli'),
      cdktn: installedVersion(projectDir, 'cdktn'),
      cdktnCli: installedVersion(projectDir, 'cdktn-cli'),
      providerAws: installedVersion(projectDir, '@cdktf/provider-aws'),
      constructs: installedVersion(projectDir, 'constructs'),
      nodeForCdktf: process.version.replace(/^v/, ''),
      nodeForCdktn: runtime.version,
    },
    runtime,
    cases,
    unexplained: cases.flatMap((entry) => entry.differences).filter((difference) => difference.kind === 'unexplained')
      .length,
    durationMs: Date.now() - started,
  };
}
