import * as fs from 'node:fs';
import * as path from 'node:path';
import { bootstrapMissingWarning } from '../../app/bootstrap-hint';
import { EMULATOR_BOOTSTRAP_STATE_FILE } from '../../app/emulator-endpoint';
import type { ScratchProject } from '../../tools/emulator/scratch-project';
import { runCdktn } from '../../tools/terrain/clis';
import { migrateToTerrain, type TerrainMigration } from '../../tools/terrain/migrate';
import { findNodeForCdktn, type NodeRuntime } from '../../tools/terrain/node-runtime';
import type { CommandResult } from '../../tools/terraform/run';
import { currentState, type StateSnapshot } from './support/locking';
import { e2eConfig, expectSuccess, output, scratchProject, useEmulator } from './support/e2e';

// CDK Terrain and cdktf on one state (docs/cdk-terrain.md): a copy of the project moved to cdktn
// deploys the bootstrap and dev with the cdktn CLI, then the same copy moved back to cdktf plans
// both with the cdktf CLI and finds nothing to change. In dynamodb+s3 mode, so the migrated
// backend's `useLockfile` and the lock table are both used for real. One bootstrap.
jest.setTimeout(600_000);
useEmulator();

const ROOT = path.resolve(__dirname, '../..');
const NAME = 'terrain';

let project: ScratchProject;
let migration: TerrainMigration;
let runtime: NodeRuntime;
let devDeployed: CommandResult;
let deployedState: StateSnapshot;

interface StackJson {
  '//': { metadata: { version: string } };
  terraform: { backend?: { s3?: Record<string, unknown> } };
}

function synthesized(stack: string): StackJson {
  return JSON.parse(fs.readFileSync(path.join(project.stackDirectory(stack), 'cdk.tf.json'), 'utf8')) as StackJson;
}

function cdktn(args: readonly string[]): Promise<CommandResult> {
  return runCdktn(runtime, args, { projectDir: project.directory, env: project.env });
}

beforeAll(async () => {
  runtime = await findNodeForCdktn(ROOT);
  project = scratchProject(NAME, e2eConfig(NAME, { locking: 'dynamodb+s3' }));
  migration = migrateToTerrain(project.directory, path.join(ROOT, 'node_modules'));
  expectSuccess(await cdktn(['deploy', 'bootstrap', '--auto-approve', '--skip-provider-lock']));
  devDeployed = expectSuccess(await cdktn(['deploy', 'dev', '--auto-approve', '--skip-provider-lock']));
  deployedState = await currentState(project, 'dev');
});

describe('deployed with the cdktn CLI', () => {
  test('synthesized by cdktn, its backend using useLockfile and the lock table', () => {
    const dev = synthesized('dev');
    expect(dev['//'].metadata.version).toBe(migration.versions.core);
    expect(dev.terraform.backend?.s3).toMatchObject({
      use_lockfile: true,
      dynamodb_table: project.project.names.lockTable,
    });
  });

  test('the bootstrap state records the bucket, and dev has its state in it', () => {
    const bootstrap = JSON.parse(fs.readFileSync(project.bootstrapStateFile, 'utf8')) as {
      resources: Array<{ type: string }>;
    };
    expect(bootstrap.resources.map((resource) => resource.type)).toContain('aws_s3_bucket');
    expect(deployedState.addresses.some((address) => address.startsWith('aws_s3_bucket.'))).toBe(true);
  });

  test('the hint recognizes the cdktn CLI: none once the bootstrap is recorded', () => {
    expect(output(devDeployed)).not.toContain(bootstrapMissingWarning(EMULATOR_BOOTSTRAP_STATE_FILE, 'cdktn'));
    expect(output(devDeployed)).not.toContain(bootstrapMissingWarning(EMULATOR_BOOTSTRAP_STATE_FILE, 'cdktf'));
  });
});

describe('moved back to cdktf, on the same state', () => {
  beforeAll(() => migration.revert());

  test.each(['bootstrap', 'dev'])('cdktf diff %s plans no changes', async (stack) => {
    const diff = expectSuccess(await project.cdktf(['diff', stack, '--skip-provider-lock']));
    expect(output(diff)).toContain('No changes.');
    expect(output(diff)).not.toMatch(/Plan: \d+ to add/);
    expect(synthesized(stack)['//'].metadata.version).toBe('0.21.0');
  });

  test('the state was only read', async () => {
    expect(await currentState(project, 'dev')).toEqual(deployedState);
  });
});
