import { problem, type InputRule } from './problem';

/** The project name prefixes bucket, table and key names, so it must suit all of them. */
export const projectNameRule: InputRule = (config) => {
  const name: unknown = config.project;
  if (typeof name !== 'string' || !/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/.test(name) || name.includes('--')) {
    return [
      problem(
        'project',
        name,
        'the project name must be 2 to 32 characters of lowercase letters, digits and single hyphens, starting with a letter and ending with a letter or digit',
      ),
    ];
  }
  return [];
};
