import { projectConfig } from '../../config/project';
import { validateProject } from '../../naming/project';
import { ConfigError } from '../../config/config-error';
import { configErrorOf, expectReported, untyped } from '../support/config-errors';
import { testConfig } from '../support/test-config';

describe('the shipped configuration (config/project.ts)', () => {
  test('validates', () => {
    const { config, names } = validateProject(projectConfig);
    expect(config.project).toBe(projectConfig.project);
    expect(Object.keys(names.environments).sort()).toEqual(Object.keys(projectConfig.environments).sort());
  });
});

describe('defaults', () => {
  test('are filled in when the fields are left out', () => {
    const { config } = validateProject(testConfig({ tags: undefined }));
    expect(config.stateEncryption).toBe('aws-managed');
    expect(config.noncurrentVersionRetentionDays).toBe(90);
    expect(config.locking).toBe('dynamodb');
    expect(config.tags).toEqual({});
  });

  test('do not override explicit values', () => {
    const { config } = validateProject(
      testConfig({
        stateEncryption: 'customer-managed',
        noncurrentVersionRetentionDays: 7,
        locking: 's3',
        tags: { Team: 'a' },
      }),
    );
    expect(config.stateEncryption).toBe('customer-managed');
    expect(config.noncurrentVersionRetentionDays).toBe(7);
    expect(config.locking).toBe('s3');
    expect(config.tags).toEqual({ Team: 'a' });
  });

  test('keep every input field', () => {
    const input = testConfig({ lockTableName: 'locks' });
    const { config } = validateProject(input);
    expect(config).toMatchObject({ ...input });
  });
});

describe('the error', () => {
  test('is a ConfigError whose message starts with the file to fix', () => {
    const error = configErrorOf(testConfig({ project: 'Acme' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.message.startsWith('Invalid configuration in config/project.ts')).toBe(true);
  });

  test('reports several problems together, one line per problem', () => {
    const error = configErrorOf(
      testConfig(
        untyped({
          project: 'Acme',
          stateRegion: 'mars-north',
          accountId: '123',
          noncurrentVersionRetentionDays: 0,
          locking: 'redis',
        }),
      ),
    );
    expect(error.problems).toHaveLength(5);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('Invalid configuration in config/project.ts; nothing was synthesized:');
    expect(lines.slice(1)).toEqual([
      '  - project = "Acme": the project name must be 2 to 32 characters of lowercase letters, digits and single hyphens, starting with a letter and ending with a letter or digit',
      '  - stateRegion = "mars-north": must be an AWS region such as "us-east-1" (the AWS SDK\'s list of regions)',
      '  - accountId = "123": an AWS account ID is exactly 12 digits, written as a string (keep leading zeros)',
      '  - noncurrentVersionRetentionDays = 0: the number of days to keep replaced state versions must be a whole number from 1 to 36500',
      '  - locking = "redis": must be one of "dynamodb", "dynamodb+s3", "s3"',
    ]);
  });

  test('reports problems of several derived names together', () => {
    const error = configErrorOf(
      testConfig({
        stateBucketName: 'Bad_Bucket',
        lockTableName: 'x',
        environments: { dev: { region: 'eu-west-1', stateKey: '/dev' } },
      }),
    );
    expect(error.problems.map((p) => p.field)).toEqual([
      'stateBucketName',
      'stateBucketName',
      'lockTableName',
      'environments.dev.stateKey',
    ]);
    expect(error.message.split('\n')).toHaveLength(1 + error.problems.length);
  });

  test('does not check derived names when an input is already wrong', () => {
    // A 33-character project would also make the derived bucket name too long (> 63).
    const project = 'p'.repeat(33);
    const error = configErrorOf(testConfig({ project }));
    expect(error.problems).toHaveLength(1);
    expectReported(error, { field: 'project', value: project, rule: 'the project name must be 2 to 32 characters' });
  });

  test('does not check derived names when any other input rule failed', () => {
    // The explicit bucket name is invalid too, but only the input problem is reported.
    const error = configErrorOf(testConfig({ stateRegion: 'nowhere', stateBucketName: 'Bad' }));
    expect(error.problems.map((p) => p.field)).toEqual(['stateRegion']);
  });
});
