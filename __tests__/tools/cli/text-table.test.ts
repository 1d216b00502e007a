import { formatTable } from '../../../tools/cli/text-table';

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

test('indents every line; an empty line stays empty', () => {
  expect(
    formatTable(
      [
        ['dev', 's3://b/dev'],
        ['', ''],
      ],
      '  ',
    ),
  ).toEqual(['  dev  s3://b/dev', '']);
});
