import { formatAge, formatDuration, parseDuration } from '../../../tools/locks/duration';
import { UsageError } from '../../../tools/cli/usage';

describe('parseDuration', () => {
  test.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    [' 2H ', 7_200_000],
    ['0m', 0],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test.each(['', '2', 'h', '2x', '1.5h', '-1h', '2 h', '1h 30m'])(
    'rejects %j with a usage error naming the value',
    (text) => {
      expect(() => parseDuration(text)).toThrow(UsageError);
      expect(() => parseDuration(text)).toThrow(`invalid duration "${text}"`);
    },
  );
});

describe('formatAge', () => {
  test.each([
    [0, '0s'],
    [-5_000, '0s'],
    [59_999, '59s'],
    [60_000, '1m'],
    [3_599_000, '59m'],
    [3_600_000, '1h 00m'],
    [3 * 3_600_000 + 5 * 60_000, '3h 05m'],
    [50 * 3_600_000, '2d 02h'],
  ])('%d ms reads %j', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe('formatDuration', () => {
  test.each([
    [3_600_000, '1h'],
    [5_400_000, '1h30m'],
    [90_000, '1m30s'],
    [0, '0s'],
  ])('%d ms reads %j, which parseDuration reads back', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
