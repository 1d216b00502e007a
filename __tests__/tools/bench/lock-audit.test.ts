import { auditLocks, describeLockAudit, locksClean, type ObjectVersion } from '../../../tools/bench/lock-audit';

const BUCKET = 'scale-deploy-tfstate-123456789012-us-east-1';
const environment = (name: string) => ({
  name,
  digestId: `${BUCKET}/${name}/terraform.tfstate-md5`,
  lockfileKey: `${name}/terraform.tfstate.tflock`,
});
const ENVIRONMENTS = [environment('r1-one'), environment('r1-p01')];

/** A lockfile taken `times` times and released each time: a write, then a delete marker on top. */
function lockfileHistory(key: string, times: number): ObjectVersion[] {
  const versions: ObjectVersion[] = [{ key, isLatest: true, deleteMarker: true }];
  for (let taken = 0; taken < times; taken++) versions.push({ key, isLatest: false, deleteMarker: false });
  return versions;
}

const CLEAN = {
  lockIds: [`${BUCKET}/r1-one/terraform.tfstate-md5`, `${BUCKET}/r1-p01/terraform.tfstate-md5`],
  objectVersions: [
    { key: 'r1-one/terraform.tfstate', isLatest: true, deleteMarker: false },
    ...lockfileHistory('r1-one/terraform.tfstate.tflock', 1),
    ...lockfileHistory('r1-p01/terraform.tfstate.tflock', 2),
  ],
};

test('every lock taken and released: digests only in the table, every lockfile written and deleted', () => {
  const audit = auditLocks(CLEAN, ENVIRONMENTS);
  expect(audit).toEqual({
    environments: 2,
    heldLockItems: [],
    digests: 2,
    missingDigests: [],
    lockfileLocksTaken: 3,
    lockfilesNeverTaken: [],
    lockfilesHeld: [],
  });
  expect(locksClean(audit)).toBe(true);
  expect(describeLockAudit(audit)).toBe(
    '2 environments: 3 lockfile locks taken; lock table: 0 lock items, 2 digests; every lock released',
  );
});

test('a held lock item, a missing digest, a lockfile never written and one still held are each named', () => {
  const audit = auditLocks(
    {
      lockIds: [`${BUCKET}/r1-one/terraform.tfstate-md5`, `${BUCKET}/r1-one/terraform.tfstate`],
      objectVersions: [{ key: 'r1-one/terraform.tfstate.tflock', isLatest: true, deleteMarker: false }],
    },
    ENVIRONMENTS,
  );
  expect(audit).toMatchObject({
    heldLockItems: [`${BUCKET}/r1-one/terraform.tfstate`],
    missingDigests: ['r1-p01'],
    lockfilesNeverTaken: ['r1-p01'],
    lockfilesHeld: ['r1-one'],
  });
  expect(locksClean(audit)).toBe(false);
  expect(describeLockAudit(audit)).toBe(
    '2 environments: 1 lockfile locks taken; lock table: 1 lock items, 1 digests; NOT CLEAN: ' +
      `lock items still held: ${BUCKET}/r1-one/terraform.tfstate; no digest for r1-p01; ` +
      'no lockfile ever written for r1-p01; lockfiles still held: r1-one',
  );
});
