import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../../tools/project-root';

test('finds the directory holding cdktf.json from anywhere below it', () => {
  const root = path.resolve(__dirname, '../..');
  expect(projectRoot()).toBe(root);
  expect(projectRoot(path.join(root, '.build', 'tools', 'bench'))).toBe(root);
});

test('fails clearly outside a project', () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'no-project-'));
  expect(() => projectRoot(outside)).toThrow(`no cdktf.json above ${outside}`);
});
