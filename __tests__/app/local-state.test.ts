import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localStateResourceTypes } from '../../app/local-state';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-state-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function stateFile(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

test('one type per resource block, in the order of the file', () => {
  const file = stateFile(
    'deployed.tfstate',
    JSON.stringify({ version: 4, resources: [{ type: 'aws_s3_bucket', name: 'b' }, { type: 'aws_dynamodb_table' }] }),
  );
  expect(localStateResourceTypes(file)).toEqual(['aws_s3_bucket', 'aws_dynamodb_table']);
});

test('a state with no resources (a failed first apply) records none', () => {
  expect(localStateResourceTypes(stateFile('empty.tfstate', JSON.stringify({ version: 4, resources: [] })))).toEqual(
    [],
  );
  expect(localStateResourceTypes(stateFile('bare.tfstate', JSON.stringify({ version: 4 })))).toEqual([]);
});

test.each([
  ['missing', path.join(dir, 'absent.tfstate')],
  ['empty', stateFile('zero.tfstate', '')],
  ['not JSON', stateFile('garbage.tfstate', '{ not json')],
  ['JSON null', stateFile('null.tfstate', 'null')],
])('a %s file is unreadable: undefined', (_, file) => {
  expect(localStateResourceTypes(file)).toBeUndefined();
});
