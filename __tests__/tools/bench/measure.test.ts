import { median, treeResidentBytes } from '../../../tools/bench/measure';

test('median of odd and even counts, unsorted input', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(() => median([])).toThrow('median of nothing');
});

test('the memory of a process tree includes at least the process itself', () => {
  const own = treeResidentBytes(process.pid);
  expect(own).toBeGreaterThan(10 * 1024 * 1024);
  expect(treeResidentBytes(process.pid)).toBeGreaterThanOrEqual(own * 0.5);
});
