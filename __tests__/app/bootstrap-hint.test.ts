import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import {
  addBootstrapHint,
  bootstrapMissingWarning,
  bootstrapStateRecordsBucket,
  commandTargets,
} from '../../app/bootstrap-hint';
import type { CdktfCommand } from '../../app/cdktf-command';
import { addProjectStacks } from '../../stacks';
import { testConfig } from '../support/test-config';
import { validateProject } from '../../naming/project';

describe('bootstrapStateRecordsBucket', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootstrap-state-'));
  const file = path.join(dir, 'terraform.bootstrap.tfstate');
  const write = (content: unknown) =>
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));

  test('a missing file records no bucket', () => {
    expect(bootstrapStateRecordsBucket(path.join(dir, 'absent.tfstate'))).toBe(false);
  });

  test('a failed bootstrap (no resources) records no bucket', () => {
    write({ version: 4, resources: [] });
    expect(bootstrapStateRecordsBucket(file)).toBe(false);
  });

  test('an unreadable file records no bucket', () => {
    write('{ not json');
    expect(bootstrapStateRecordsBucket(file)).toBe(false);
  });

  test('a deployed bootstrap records its bucket', () => {
    write({ version: 4, resources: [{ type: 'aws_dynamodb_table' }, { type: 'aws_s3_bucket' }] });
    expect(bootstrapStateRecordsBucket(file)).toBe(true);
  });
});

describe('commandTargets', () => {
  test.each([
    [{ command: 'deploy', stacks: ['dev'] }, true],
    [{ command: 'deploy', stacks: ['bootstrap', 'dev'] }, true],
    [{ command: 'diff', stacks: ['dev'] }, true],
    [{ command: 'deploy', stacks: ['*'] }, true],
    [{ command: 'deploy', stacks: ['d*'] }, true],
    [{ command: 'deploy', stacks: [] }, true],
    [{ command: 'deploy', stacks: ['bootstrap'] }, false],
    [{ command: 'deploy', stacks: ['prod'] }, false],
    [{ command: 'deploy', stacks: ['dev.'] }, false],
    [{ command: 'synth', stacks: [] }, false],
    [{ command: 'list', stacks: [] }, false],
  ])('%j works on dev: %s', (command, expected) => {
    expect(commandTargets({ cli: 'cdktf', ...command }, 'dev')).toBe(expected);
  });
});

describe('the hint on environment stacks', () => {
  function warnings(bootstrapDeployed: boolean, command: CdktfCommand | undefined): Record<string, string[]> {
    const app: App = Testing.app();
    const project = validateProject(testConfig());
    const { environments } = addProjectStacks(app, project, { bootstrapStatePath: 'x.tfstate' });
    addBootstrapHint(environments, { stateFile: 'terraform.bootstrap.tfstate', bootstrapDeployed, command });
    return Object.fromEntries(
      environments.map((stack) => [
        stack.node.id,
        stack.node.metadata.filter((entry) => entry.type === '@cdktf/warn').map((entry) => String(entry.data)),
      ]),
    );
  }

  test('says to deploy the bootstrap first on the environment being deployed while its state records no bucket', () => {
    expect(warnings(false, { cli: 'cdktf', command: 'deploy', stacks: ['dev'] })).toEqual({
      dev: [bootstrapMissingWarning('terraform.bootstrap.tfstate')],
      prod: [],
    });
    expect(bootstrapMissingWarning('terraform.bootstrap.tfstate')).toContain('npx cdktf deploy bootstrap');
  });

  test('names the CLI that runs the app: CDK Terrain users are told to run cdktn', () => {
    expect(warnings(false, { cli: 'cdktn', command: 'deploy', stacks: ['dev'] }).dev).toEqual([
      bootstrapMissingWarning('terraform.bootstrap.tfstate', 'cdktn'),
    ]);
    expect(bootstrapMissingWarning('terraform.bootstrap.tfstate', 'cdktn')).toContain('npx cdktn deploy bootstrap');
  });

  test('says nothing while the bootstrap itself is deployed', () => {
    expect(warnings(false, { cli: 'cdktf', command: 'deploy', stacks: ['bootstrap'] })).toEqual({ dev: [], prod: [] });
  });

  test('says nothing once the bootstrap is recorded, on a plain synth, or outside the cdktf CLI', () => {
    expect(warnings(true, { cli: 'cdktf', command: 'deploy', stacks: ['dev'] })).toEqual({ dev: [], prod: [] });
    expect(warnings(false, { cli: 'cdktf', command: 'synth', stacks: [] })).toEqual({ dev: [], prod: [] });
    expect(warnings(false, undefined)).toEqual({ dev: [], prod: [] });
  });
});
