import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, expectProblem, untyped } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

function withDevWorkloads(workloads: unknown) {
  const config = testConfig();
  return {
    ...config,
    environments: { ...config.environments, dev: untyped({ region: 'eu-west-1', workloads }) as never },
  };
}

describe('environments.<name>.workloads', () => {
  test('may be left out, listed, or empty', () => {
    expect(() => validateProject(testConfig())).not.toThrow();
    expect(() => validateProject(withDevWorkloads(['app-bucket', 'queue-2']))).not.toThrow();
    expect(() => validateProject(withDevWorkloads([]))).not.toThrow();
  });

  test('must be a list', () => {
    expectOnlyProblem(withDevWorkloads('app-bucket'), {
      field: 'environments.dev.workloads',
      value: 'app-bucket',
      rule: 'must be a list of workload names, e.g. ["app-bucket"], or [] for none',
    });
  });

  test.each([
    ['a path', '../stacks/index'],
    ['a file name with its extension', 'app-bucket.ts'],
    ['upper case', 'AppBucket'],
    ['a leading digit', '2-queue'],
    ['an empty name', ''],
  ])('refuses %s, naming the item', (_, name) => {
    expectOnlyProblem(withDevWorkloads(['app-bucket', name]), {
      field: 'environments.dev.workloads[1]',
      value: name,
      rule: 'must be a workload name: lowercase letters, digits and hyphens, starting with a letter (its file in workloads/ without .ts)',
    });
  });

  test('refuses a name that is not a string', () => {
    expectProblem(withDevWorkloads([42]), {
      field: 'environments.dev.workloads[0]',
      value: 42,
      rule: 'must be a workload name',
    });
  });

  test('refuses a workload listed twice', () => {
    expectOnlyProblem(withDevWorkloads(['app-bucket', 'app-bucket']), {
      field: 'environments.dev.workloads[1]',
      value: 'app-bucket',
      rule: 'is listed twice',
    });
  });
});
