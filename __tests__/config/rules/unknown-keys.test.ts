import { CONFIGURATION_KEYS } from '../../../config/known-keys';
import { editDistance, nearMisses } from '../../../config/suggest';
import { validateProject } from '../../../naming/project';
import { configErrorOf, expectOnlyProblem, untyped } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

describe('a key the project does not know is refused with its path', () => {
  test.each([
    [
      'top level, a typo',
      { stateReplicaRegoin: 'eu-central-1' },
      'stateReplicaRegoin',
      'eu-central-1',
      'did you mean "stateReplicaRegion"?',
    ],
    [
      'top level, another case',
      { StateRegion: 'eu-west-1' },
      'StateRegion',
      'eu-west-1',
      'did you mean "stateRegion"?',
    ],
    [
      'top level, a retention typo',
      { noncurrentVersionRetentionDay: 30 },
      'noncurrentVersionRetentionDay',
      30,
      'did you mean "noncurrentVersionRetentionDays"?',
    ],
    ['top level, access logs', { stateAcessLogs: true }, 'stateAcessLogs', true, 'did you mean "stateAccessLogs"?'],
  ])('%s', (_, extra, field, value, hint) => {
    const error = expectOnlyProblem(testConfig(untyped(extra)), {
      field,
      value,
      rule: 'is not a setting of the configuration, so it would be ignored',
    });
    expect(error.message).toContain(hint);
  });

  test('in an environment', () => {
    const config = testConfig(
      untyped({
        environments: { dev: { region: 'eu-west-1', regoin: 'eu-central-1' }, prod: { region: 'eu-west-1' } },
      }),
    );
    const error = expectOnlyProblem(config, {
      field: 'environments.dev.regoin',
      value: 'eu-central-1',
      rule: 'is not a setting of an environment, so it would be ignored; did you mean "region"?',
    });
    expect(error.problems).toHaveLength(1);
  });

  test('under ci.github', () => {
    expectOnlyProblem(
      testConfig(untyped({ ci: { github: { repository: 'acme/platform', protectedEnvironment: ['prod'] } } })),
      {
        field: 'ci.github.protectedEnvironment',
        value: ['prod'],
        rule: 'did you mean "protectedEnvironments"?',
      },
    );
  });

  test('under ci', () => {
    expectOnlyProblem(testConfig(untyped({ ci: { github: { repository: 'acme/platform' }, gitlab: {} } })), {
      field: 'ci.gitlab',
      value: {},
      rule: 'is not a setting of ci, so it would be ignored; the settings there are: github',
    });
  });

  test('with no near miss, the settings of that level are listed', () => {
    const error = configErrorOf(testConfig(untyped({ frobnicate: 1 })));
    expect(error.problems).toEqual([
      expect.objectContaining({
        field: 'frobnicate',
        rule: expect.stringContaining(`the settings there are: ${Object.keys(CONFIGURATION_KEYS.keys).join(', ')}`),
      }),
    ]);
  });

  test('a key that is no identifier is quoted in the path', () => {
    expectOnlyProblem(testConfig(untyped({ 'state region': 'eu-west-1' })), {
      field: '["state region"]',
      value: 'eu-west-1',
      rule: 'is not a setting of the configuration',
    });
  });

  test('every unknown key is reported at once, after the problems of the shape, in the order of the configuration', () => {
    const error = configErrorOf(
      testConfig(
        untyped({
          lockTableName: 42,
          locks: 's3',
          environments: { dev: { region: 'eu-west-1', stateky: 'x' }, prod: { region: 'eu-west-1', tag: {} } },
        }),
      ),
    );
    expect(error.problems.map((found) => found.field)).toEqual([
      'lockTableName',
      'environments.dev.stateky',
      'environments.prod.tag',
      'locks',
    ]);
  });
});

describe('keys the user chooses are not checked here', () => {
  test('tag keys, environment names and the environments of workloadPolicyArns', () => {
    const config = testConfig({
      tags: { AnyTag: 'x', 'cost center': 'y' },
      ci: { github: { repository: 'acme/platform', workloadPolicyArns: { 'my-env': [] } } },
      environments: { 'my-env': { region: 'eu-west-1', tags: { Whatever: 'z' } } },
    });
    expect(() => validateProject(config)).not.toThrow();
  });

  test('every documented setting is known (the shipped options all at once)', () => {
    const config = testConfig({
      stateBucketName: 'acme-state-bucket',
      lockTableName: 'acme-locks',
      stateEncryption: 'customer-managed',
      noncurrentVersionRetentionDays: 30,
      locking: 's3',
      retireLockTable: true,
      bootstrapState: 's3',
      deployRoleArn: 'arn:aws:iam::111122223333:role/deploy',
      stateReplicaRegion: 'eu-central-1',
      stateAccessLogs: true,
      accessLogRetentionDays: 30,
      environments: {
        dev: {
          region: 'eu-west-1',
          allowedAccountIds: ['111122223333'],
          stateKey: 'dev/state.tfstate',
          workloads: [],
          tags: { A: 'b' },
        },
      },
      ci: { github: { repository: 'acme/platform', protectedEnvironments: ['dev'] } },
    });
    expect(() => validateProject(config)).not.toThrow();
  });
});

describe('near misses', () => {
  test('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('region', 'regoin')).toBe(1);
    expect(editDistance('region', 'region')).toBe(0);
    expect(editDistance('locking', 'locks')).toBe(3);
  });

  test('short keys need an exact match but for case; long ones tolerate two edits', () => {
    expect(nearMisses('tag', ['tags'])).toEqual(['tags']);
    expect(nearMisses('TAGS', ['tags'])).toEqual(['tags']);
    expect(nearMisses('ci', ['ci'])).toEqual([]);
    expect(nearMisses('stateBuketNme', ['stateBucketName'])).toEqual(['stateBucketName']);
    expect(nearMisses('locks', ['locking'])).toEqual([]);
  });
});
