import { validateProject } from '../../../naming/project';
import type { DeploymentView } from '../../../tools/demo/inspect';
import { lookAroundCommands, renderDeployment, renderKept, shellWord } from '../../../tools/demo/report';

const project = validateProject({
  project: 'acme',
  stateRegion: 'us-east-1',
  accountId: '123456789012',
  environments: { dev: { region: 'us-east-1' }, prod: { region: 'eu-west-1' } },
});
const BUCKET = 'acme-tfstate-123456789012-us-east-1';
const ENDPOINT = 'http://127.0.0.1:41234';

const view: DeploymentView = {
  bucket: { name: BUCKET, versioning: 'Enabled', encryption: 'aws:kms' },
  table: { name: 'acme-tfstate-lock', status: 'ACTIVE', items: 2 },
  environments: [
    {
      environment: 'dev',
      key: 'dev/terraform.tfstate',
      size: 6216,
      versions: 1,
      lockfileHeld: false,
      workloadBucket: 'acme-dev-app-2025',
    },
    { environment: 'prod', key: 'prod/terraform.tfstate', size: 6232, versions: 2, lockfileHeld: false },
  ],
  digests: [
    { lockId: `${BUCKET}/dev/terraform.tfstate-md5`, environment: 'dev', digest: 'ca0cacb294caf80211c3c6ab1248fcf3' },
    { lockId: `${BUCKET}/prod/terraform.tfstate-md5`, environment: 'prod', digest: '82d3a22845bac15d5a62d608c4942260' },
  ],
  locks: [],
};

test('renderDeployment: the bucket, the table, each state key, the digests, and that no lock is held', () => {
  expect(renderDeployment(view, project, ENDPOINT)).toMatchSnapshot();
});

test('renderDeployment: a held lock and a missing table are said plainly', () => {
  const held = renderDeployment(
    {
      ...view,
      locks: [{ lockId: `${BUCKET}/dev/terraform.tfstate`, who: 'me@host', operation: 'OperationTypeApply' }],
    },
    project,
    ENDPOINT,
  );
  expect(held).toContain(`LOCK HELD: ${BUCKET}/dev/terraform.tfstate by me@host (OperationTypeApply)`);
  expect(held).not.toContain('No lock item is held');
  const { table: _table, ...noTable } = view;
  expect(renderDeployment({ ...noTable, digests: [] }, project, ENDPOINT)).toMatch(
    /Lock table +acme-tfstate-lock +\(does not exist\)/,
  );
});

test('lookAroundCommands: aws s3 ls, the versions of a state key, dynamodb scan, the lock tool, terraform', () => {
  expect(
    lookAroundCommands(project, {
      endpoint: ENDPOINT,
      projectDirectory: '/tmp/demo dir/project',
      environments: ['dev', 'prod'],
    }),
  ).toEqual([
    'export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1   # any credentials work on the emulator',
    `aws --endpoint-url ${ENDPOINT} s3 ls s3://${BUCKET} --recursive`,
    `aws --endpoint-url ${ENDPOINT} s3api list-object-versions --bucket ${BUCKET} --prefix dev/terraform.tfstate`,
    `aws --endpoint-url ${ENDPOINT} dynamodb scan --table-name acme-tfstate-lock`,
    `cd '/tmp/demo dir/project' && AWS_ENDPOINT_URL=${ENDPOINT} npm run locks -- list`,
    "terraform -chdir='/tmp/demo dir/project/cdktf.out/stacks/dev' state list",
  ]);
});

test('renderKept: endpoint, PID, log, scratch directory and the command that stops it', () => {
  expect(
    renderKept({
      endpoint: ENDPOINT,
      pid: 4242,
      logFile: '/tmp/d/moto-41234.log',
      workDirectory: '/tmp/d',
      projectDirectory: '/tmp/d/project',
    }),
  ).toBe(
    [
      'The emulator is still running (--keep):',
      `  endpoint           ${ENDPOINT}`,
      '  PID                4242',
      '  emulator log       /tmp/d/moto-41234.log',
      '  scratch project    /tmp/d/project',
      'Stop it and remove the scratch directory with:',
      '  kill 4242 && rm -rf /tmp/d',
      '',
    ].join('\n'),
  );
});

test.each([
  ['/tmp/plain-path_1.2', '/tmp/plain-path_1.2'],
  ['/tmp/with space', "'/tmp/with space'"],
  ["it's", "'it'\\''s'"],
])('shellWord(%j) is %s', (word, quoted) => {
  expect(shellWord(word)).toBe(quoted);
});
