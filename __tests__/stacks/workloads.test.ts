import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import { ConfigError } from '../../config/config-error';
import type { ProjectConfig } from '../../config/types';
import { validateProject } from '../../naming/project';
import {
  DEFAULT_WORKLOADS,
  addWorkloads,
  availableWorkloads,
  checkWorkloads,
  loadWorkload,
  workloadsDirectory,
} from '../../stacks/workloads';
import { synthProject } from '../support/fixtures';
import { testConfig } from '../support/test-config';

const ROOT = path.resolve(__dirname, '../..');

function configWith(workloads: Record<string, readonly string[] | undefined>): ProjectConfig {
  const base = testConfig();
  return {
    ...base,
    environments: Object.fromEntries(
      Object.entries(base.environments).map(([name, environment]) => [
        name,
        { ...environment, ...(workloads[name] !== undefined && { workloads: workloads[name] }) },
      ]),
    ),
  };
}

function rejection(config: ProjectConfig, available: readonly string[]): ConfigError {
  try {
    checkWorkloads(validateProject(config), available);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the workloads to be refused');
}

describe('finding workloads', () => {
  test('workloads/ is found from the source and from the bundle in .build/', () => {
    expect(workloadsDirectory()).toBe(path.join(ROOT, 'workloads'));
    expect(workloadsDirectory(path.join(ROOT, '.build', 'tools', 'demo'))).toBe(path.join(ROOT, 'workloads'));
  });

  test("the project's workloads are its workloads/*.ts files, by name; the example is one of them", () => {
    expect(availableWorkloads()).toContain('app-bucket');
    expect(DEFAULT_WORKLOADS).toEqual(['app-bucket']);
  });

  test('only top-level .ts files named like a workload count', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'workloads-'));
    try {
      for (const file of ['queue.ts', 'b-2.ts', 'types.d.ts', 'notes.md', 'Upper.ts', 'app-bucket.test.ts']) {
        fs.writeFileSync(path.join(directory, file), '');
      }
      fs.mkdirSync(path.join(directory, 'helpers.ts'));
      expect(availableWorkloads(directory)).toEqual(['b-2', 'queue']);
      expect(availableWorkloads(path.join(directory, 'missing'))).toEqual([]);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  test('a workload file is loaded by its name: its default export', () => {
    expect(loadWorkload('app-bucket').name).toBe('AppBucket');
  });
});

describe('checkWorkloads', () => {
  test('accepts names that have a file, and the default when the example exists', () => {
    expect(() => checkWorkloads(validateProject(configWith({ dev: ['app-bucket'] })), ['app-bucket'])).not.toThrow();
    expect(() => checkWorkloads(validateProject(testConfig()), ['app-bucket'])).not.toThrow();
    expect(() => checkWorkloads(validateProject(configWith({ dev: [], prod: [] })), [])).not.toThrow();
  });

  test('refuses an unknown name with the field, the value, the rule and the available names', () => {
    const error = rejection(configWith({ dev: ['app-bucket', 'queu'] }), ['app-bucket', 'queue']);
    expect(error.message).toBe(
      [
        'Invalid configuration in config/project.ts; nothing was synthesized:',
        '  - environments.dev.workloads[1] = "queu": there is no file workloads/queu.ts; available workloads: app-bucket, queue',
      ].join('\n'),
    );
  });

  test("reports every environment's unknown names at once", () => {
    const error = rejection(configWith({ dev: ['one'], prod: ['app-bucket', 'two'] }), ['app-bucket']);
    expect(error.problems.map((problem) => [problem.field, problem.value])).toEqual([
      ['environments.dev.workloads[0]', 'one'],
      ['environments.prod.workloads[1]', 'two'],
    ]);
  });

  test('says when the default names a file that is gone, and how to choose', () => {
    const error = rejection(testConfig(), ['queue']);
    expect(error.message).toContain(
      '  - environments.dev.workloads = (not set): defaults to ["app-bucket"], but there is no workloads/app-bucket.ts; ' +
        'set it to the workloads you want, or [] for none; available workloads: queue',
    );
  });

  test('an empty workloads/ says so', () => {
    expect(rejection(configWith({ dev: ['queue'], prod: [] }), []).message).toContain(
      'available workloads: (none in workloads/)',
    );
  });

  test('the app refuses unknown names before any stack exists', () => {
    expect(() => synthProject(configWith({ dev: ['no-such-workload'] }))).toThrow(
      'environments.dev.workloads[0] = "no-such-workload": there is no file workloads/no-such-workload.ts',
    );
  });
});

describe('addWorkloads', () => {
  test("adds each of the environment's workloads, in order, with its name as construct ID", () => {
    const project = validateProject(configWith({ dev: ['app-bucket'] }));
    const stack = new TerraformStack(Testing.app(), 'dev');
    const added = addWorkloads(stack, { project, environment: 'dev' });
    expect(added.map((workload) => workload.node.path)).toEqual(['dev/app-bucket']);
  });

  test('an environment with no workloads has none of their resources', () => {
    const { stacks } = synthProject(configWith({ dev: [] }));
    expect(stacks.dev?.resource).toBeUndefined();
    expect(stacks.dev?.output).not.toHaveProperty('app_bucket');
    expect(stacks.prod?.resource).toHaveProperty('aws_s3_bucket');
  });
});
