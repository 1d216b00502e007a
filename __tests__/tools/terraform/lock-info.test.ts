import { parseLockInfo, parseRfc3339 } from '../../../tools/terraform/lock-info';

const VALID = {
  ID: 'f2d7a3f0-1234-4cde-8f00-0123456789ab',
  Operation: 'OperationTypeApply',
  Info: '',
  Who: 'alice@laptop',
  Version: '1.11.4',
  Created: '2025-01-31T09:15:02.123456789Z',
  Path: 'bucket/dev/terraform.tfstate',
};

describe('parseLockInfo', () => {
  test('reads the LockInfo Terraform writes, with its nanosecond timestamp', () => {
    const parsed = parseLockInfo(JSON.stringify(VALID));
    expect(parsed).toEqual({ readable: true, info: VALID, createdAt: new Date('2025-01-31T09:15:02.123Z') });
  });

  test.each([
    ['no Info attribute at all', undefined, 'no lock info stored'],
    ['text that is not JSON', 'garbage{', 'lock info is not JSON'],
    ['an empty string', '', 'lock info is not JSON'],
    ['a JSON array', '[1,2]', 'lock info is not a JSON object'],
    ['JSON null', 'null', 'lock info is not a JSON object'],
    ['an object without ID', JSON.stringify({ ...VALID, ID: undefined }), 'lock info has no ID'],
    ['a blank ID', JSON.stringify({ ...VALID, ID: '  ' }), 'lock info has no ID'],
    ['a numeric ID', JSON.stringify({ ...VALID, ID: 42 }), 'lock info has no ID'],
  ])('reports %s as unreadable instead of throwing', (_case, raw, problem) => {
    expect(parseLockInfo(raw)).toEqual({ readable: false, problem });
  });

  test('an ID alone is enough; missing or non-text fields read as empty', () => {
    const parsed = parseLockInfo(JSON.stringify({ ID: 'x', Who: 7 }));
    expect(parsed.readable).toBe(true);
    if (!parsed.readable) return;
    expect(parsed.info).toEqual({ ID: 'x', Operation: '', Info: '', Who: '', Version: '', Created: '', Path: '' });
    expect(parsed.createdAt).toBeUndefined();
  });

  test('a readable lock with a bad Created keeps its ID but has no date', () => {
    const parsed = parseLockInfo(JSON.stringify({ ...VALID, Created: 'yesterday' }));
    expect(parsed).toMatchObject({ readable: true, info: { ID: VALID.ID }, createdAt: undefined });
  });
});

describe('parseRfc3339', () => {
  test.each([
    ['2025-01-31T09:15:02Z', '2025-01-31T09:15:02.000Z'],
    ['2025-01-31T09:15:02.5Z', '2025-01-31T09:15:02.500Z'],
    ['2025-01-31T09:15:02.987654321Z', '2025-01-31T09:15:02.987Z'],
    ['2025-01-31T10:15:02.123+01:00', '2025-01-31T09:15:02.123Z'],
    ['2025-01-31t09:15:02z', '2025-01-31T09:15:02.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseRfc3339(text)?.toISOString()).toBe(iso);
  });

  test.each(['', '2025-01-31', '2025-01-31T09:15:02', '2025-13-01T00:00:00Z', 'Fri Jan 31 2025'])(
    'rejects %j',
    (text) => {
      expect(parseRfc3339(text)).toBeUndefined();
    },
  );
});
