import { validateProject } from '../../../naming/project';
import { confirmationProblem, parseTeardownArgs } from '../../../tools/teardown/args';
import { decideTeardown } from '../../../tools/teardown/decide';
import { managedResources, type Inventory } from '../../../tools/teardown/inventory';
import { testConfig } from '../../support/test-config';

const project = validateProject(testConfig());
const BUCKET = project.names.stateBucket;

function inventory(overrides: Partial<{ [K in keyof Inventory]: Partial<Inventory[K]> }> = {}): Inventory {
  return {
    bucket: {
      exists: true,
      objectVersions: 12,
      deleteMarkers: 3,
      states: [
        { key: 'dev/terraform.tfstate', resources: 0 },
        { key: 'prod/terraform.tfstate', resources: 0 },
      ],
      lockfiles: [],
      bootstrapState: false,
      ...overrides.bucket,
    },
    table: { exists: true, locks: [], ...overrides.table },
    record: overrides.record ?? true,
    localState: overrides.localState === undefined ? ['aws_s3_bucket', 'aws_dynamodb_table'] : overrides.localState,
  } as Inventory;
}

describe('the confirmation', () => {
  test('must be given and name the state bucket exactly', () => {
    expect(confirmationProblem(undefined, BUCKET)).toContain(`pass --confirm ${BUCKET}`);
    expect(confirmationProblem('acme', BUCKET)).toBe(
      `--confirm "acme" does not match the state bucket "${BUCKET}"; nothing was changed`,
    );
    expect(confirmationProblem(BUCKET, BUCKET)).toBeUndefined();
  });

  test.each([
    [['--confirm', 'b'], { confirm: 'b', dryRun: false, help: false }],
    [['--confirm=b', '--dry-run'], { confirm: 'b', dryRun: true, help: false }],
    [[], { dryRun: false, help: false }],
  ])('parses %j', (argv, expected) => {
    expect(parseTeardownArgs(argv)).toEqual(expected);
  });

  test.each([[['--yes']], [['bucket']], [['--confirm', '']], [['--confirm']]])(
    'refuses %j as a usage error',
    (argv) => {
      expect(() => parseTeardownArgs(argv)).toThrow(expect.objectContaining({ name: 'UsageError' }));
    },
  );
});

describe('decideTeardown', () => {
  test('refuses while any state records resources, naming each environment and its key', () => {
    const decision = decideTeardown(
      inventory({
        bucket: {
          states: [
            { key: 'dev/terraform.tfstate', resources: 5 },
            { key: 'prod/terraform.tfstate', resources: 0 },
            { key: 'old/terraform.tfstate', resources: 1 },
          ],
        },
      }),
      project,
    );
    expect(decision).toEqual({
      kind: 'refuse',
      reasons: [
        'dev: 5 resources in dev/terraform.tfstate',
        '(no configured environment): 1 resource in old/terraform.tfstate',
      ],
    });
  });

  test('refuses while a run holds a lock, in either mechanism', () => {
    const decision = decideTeardown(
      inventory({
        bucket: { lockfiles: ['dev/terraform.tfstate.tflock'] },
        table: { locks: [`${BUCKET}/prod/terraform.tfstate`] },
      }),
      project,
    );
    expect(decision.kind).toBe('refuse');
    expect(decision.kind === 'refuse' && decision.reasons).toHaveLength(2);
  });

  test('otherwise lists what goes', () => {
    expect(decideTeardown(inventory(), project)).toEqual({
      kind: 'proceed',
      deletes: [
        `state bucket ${BUCKET}: 12 object versions and 3 delete markers`,
        'lock table acme-tfstate-lock',
        'bootstrap record (SSM parameter)',
      ],
      notes: [],
    });
  });

  test('names the customer-managed key when the state records one', () => {
    const decision = decideTeardown(inventory({ localState: ['aws_s3_bucket', 'aws_kms_key'] as never }), project);
    expect(decision.kind === 'proceed' && decision.deletes).toContain(
      'KMS key alias/acme-tfstate: scheduled for deletion, 7 days to cancel',
    );
  });

  test('nothing to delete once everything is gone and the local state is empty', () => {
    const gone = inventory({
      bucket: { exists: false, states: [], objectVersions: 0, deleteMarkers: 0 },
      table: { exists: false },
      record: false,
      localState: [] as never,
    });
    expect(decideTeardown(gone, project)).toEqual({ kind: 'nothing', notes: [] });
  });

  test("a retired table is not the bootstrap's to delete: a note, not a deletion", () => {
    const retired = validateProject(testConfig({ locking: 's3', retireLockTable: true }));
    const gone = inventory({
      bucket: { exists: false, states: [], objectVersions: 0, deleteMarkers: 0 },
      record: false,
      localState: [] as never,
    });
    const decision = decideTeardown(gone, retired);
    expect(decision.kind).toBe('nothing');
    expect(decision.kind === 'nothing' && decision.notes[0]).toContain('was retired');
  });
});

describe('managedResources', () => {
  test('counts managed resources with instances, not data sources', () => {
    const state = {
      resources: [
        { mode: 'managed', type: 'aws_s3_bucket', instances: [{}] },
        { mode: 'data', type: 'aws_ssm_parameters_by_path', instances: [{}] },
        { mode: 'managed', type: 'aws_s3_bucket_versioning', instances: [] },
      ],
    };
    expect(managedResources(JSON.stringify(state))).toBe(1);
    expect(managedResources('{"version":4,"resources":[]}')).toBe(0);
  });
});

describe('the replica and the access log bucket (issue 16)', () => {
  const withBoth = validateProject(
    testConfig({ stateReplicaRegion: 'eu-central-1', stateAccessLogs: true, stateEncryption: 'customer-managed' }),
  );

  test('are emptied and deleted with the rest, and the replica key is scheduled with the state key', () => {
    const decision = decideTeardown(
      {
        ...inventory({ localState: ['aws_s3_bucket', 'aws_kms_key'] }),
        otherBuckets: [
          {
            what: 'replica bucket',
            name: 'acme-tfstate-111122223333-eu-central-1',
            exists: true,
            objectVersions: 12,
            deleteMarkers: 0,
          },
          {
            what: 'access log bucket',
            name: 'acme-tfstate-logs-111122223333-eu-west-1',
            exists: true,
            objectVersions: 1,
            deleteMarkers: 1,
          },
        ],
      },
      withBoth,
    );
    expect(decision.kind).toBe('proceed');
    expect(decision.kind === 'proceed' && decision.deletes).toEqual(
      expect.arrayContaining([
        'replica bucket acme-tfstate-111122223333-eu-central-1: 12 object versions and 0 delete markers',
        'access log bucket acme-tfstate-logs-111122223333-eu-west-1: 1 object version and 1 delete marker',
        'KMS keys alias/acme-tfstate, alias/acme-tfstate-replica: scheduled for deletion, 7 days to cancel',
      ]),
    );
  });

  test('a teardown is done only when they are gone too', () => {
    const gone = { exists: false, objectVersions: 0, deleteMarkers: 0 } as const;
    const leftover = decideTeardown(
      {
        ...inventory({ bucket: { exists: false }, table: { exists: false }, record: false, localState: [] }),
        otherBuckets: [{ what: 'replica bucket', name: 'r', exists: true, objectVersions: 0, deleteMarkers: 0 }],
      },
      withBoth,
    );
    expect(leftover.kind).toBe('proceed');
    const done = decideTeardown(
      {
        ...inventory({ bucket: { exists: false }, table: { exists: false }, record: false, localState: [] }),
        otherBuckets: [{ what: 'replica bucket', name: 'r', ...gone }],
      },
      withBoth,
    );
    expect(done.kind).toBe('nothing');
  });
});
