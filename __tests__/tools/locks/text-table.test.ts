import { formatTable } from '../../../tools/locks/text-table';

test('pads every column but the last to its widest cell, two spaces apart', () => {
  expect(
    formatTable([
      ['A', 'BB', 'C'],
      ['long', 'x', 'tail'],
    ]),
  ).toEqual(['A     BB  C', 'long  x   tail']);
});

test('leaves no trailing spaces when the last cells are empty', () => {
  expect(
    formatTable([
      ['name', ''],
      ['n', ''],
    ]),
  ).toEqual(['name', 'n']);
});
