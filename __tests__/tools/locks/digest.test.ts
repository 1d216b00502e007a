import { compareDigest, isDigestProblem, md5Hex } from '../../../tools/locks/digest';

const STATE = new TextEncoder().encode('{"version":4}\n');
const STATE_MD5 = md5Hex(STATE);

test('md5Hex is the hex MD5 of the bytes', () => {
  expect(md5Hex(new TextEncoder().encode(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
  expect(md5Hex(new TextEncoder().encode('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
});

describe('compareDigest', () => {
  test.each([
    ['match', STATE_MD5, STATE, false],
    ['match', STATE_MD5.toUpperCase(), STATE, false],
    ['never-deployed', undefined, undefined, false],
    ['no-digest', undefined, STATE, false],
    ['mismatch', '0'.repeat(32), STATE, true],
    ['state-missing', STATE_MD5, undefined, true],
  ] as const)('%s (digest %s)', (status, expected, state, problem) => {
    const comparison = compareDigest(expected, state);
    expect(comparison.status).toBe(status);
    expect(comparison.expected).toBe(expected);
    expect(comparison.actual).toBe(state === undefined ? undefined : STATE_MD5);
    expect(isDigestProblem(comparison.status)).toBe(problem);
  });

  test('an empty state object has a digest too', () => {
    expect(compareDigest('d41d8cd98f00b204e9800998ecf8427e', new Uint8Array()).status).toBe('match');
  });
});
