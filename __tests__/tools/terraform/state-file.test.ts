import { managedResources, parseState, withSerial } from '../../../tools/terraform/state-file';

const STATE = `{
  "version": 4,
  "terraform_version": "1.11.4",
  "serial": 7,
  "lineage": "3f0c5a3e-1111-2222-3333-444455556666",
  "outputs": { "serial": { "value": 12, "type": "number" } },
  "resources": [
    { "mode": "managed", "type": "aws_s3_bucket", "name": "b", "instances": [{ "attributes": { "serial": 5, "big": 12345678901234567890 } }] },
    { "mode": "managed", "type": "aws_sqs_queue", "name": "q", "module": "module.app", "instances": [{}] },
    { "mode": "managed", "type": "aws_iam_role", "name": "gone", "instances": [] },
    { "mode": "data", "type": "aws_caller_identity", "name": "me", "instances": [{}] }
  ],
  "check_results": null
}
`;

test('reads serial, lineage, the Terraform version and the managed resources', () => {
  expect(parseState(STATE)).toEqual({
    readable: true,
    state: {
      serial: 7,
      lineage: '3f0c5a3e-1111-2222-3333-444455556666',
      terraformVersion: '1.11.4',
      resources: 2,
      addresses: ['aws_s3_bucket.b', 'module.app.aws_sqs_queue.q'],
    },
  });
  expect(managedResources(STATE)).toBe(2);
});

test.each([
  ['not JSON', 'hello', 'not JSON'],
  ['a list', '[1]', 'not a JSON object'],
  ['JSON without a serial', '{"lineage":"x"}', 'no serial: not a Terraform state'],
  ['JSON without a lineage', '{"serial":1}', 'no lineage: not a Terraform state'],
])('%s is no state, said without throwing', (_, text, problem) => {
  expect(parseState(text)).toEqual({ readable: false, problem });
});

test('a teardown never takes unreadable text for an empty state', () => {
  expect(() => managedResources('garbage')).toThrow();
  expect(managedResources('{"version":4,"resources":[]}')).toBe(0);
});

describe('withSerial', () => {
  test('changes only the top-level serial, keeping every other byte (large integers included)', () => {
    const changed = withSerial(STATE, 42);
    expect(changed).toBe(STATE.replace('"serial": 7,', '"serial": 42,'));
    expect(changed).toContain('12345678901234567890');
    expect(changed).toContain('"serial": 5');
    expect(changed).toContain('"serial": { "value": 12');
  });

  test('strings that look like keys, escapes and compact JSON are handled', () => {
    const text = '{"a":"\\"serial\\": 1","nested":{"serial":3},"serial":9,"lineage":"l"}';
    expect(withSerial(text, 10)).toBe('{"a":"\\"serial\\": 1","nested":{"serial":3},"serial":10,"lineage":"l"}');
  });

  test('a text without a top-level serial is a programming error', () => {
    expect(() => withSerial('{"nested":{"serial":3}}', 1)).toThrow('no top-level serial');
  });
});
