import { environmentNames, requireEnvironment, UnknownEnvironmentError } from '../../naming/environments';
import { validateProject } from '../../naming/project';
import { testConfig } from '../support/test-config';

const project = validateProject(testConfig());

test('environmentNames: the configured environments, in the configuration order', () => {
  expect(environmentNames(project)).toEqual(['dev', 'prod']);
});

test('requireEnvironment: the settings and the state names of one environment', () => {
  const dev = requireEnvironment(project, 'dev');
  expect(dev.name).toBe('dev');
  expect(dev.config).toBe(project.config.environments.dev);
  expect(dev.names).toBe(project.names.environments.dev);
});

test.each(['qa', 'constructor', '__proto__', 'toString'])(
  'requireEnvironment refuses %j, listing the known ones',
  (name) => {
    expect(() => requireEnvironment(project, name)).toThrow(new UnknownEnvironmentError(name, ['dev', 'prod']));
    expect(() => requireEnvironment(project, name)).toThrow(
      `unknown environment "${name}"; known environments: dev, prod`,
    );
  },
);
