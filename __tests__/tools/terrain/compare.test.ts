import {
  classify,
  compareSynth,
  diffJson,
  groupDifferences,
  type ExplainedDifference,
  type SynthOutput,
} from '../../../tools/terrain/compare';

const stack = (version: string, extra: Record<string, unknown> = {}) => ({
  '//': { metadata: { backend: 's3', stackName: 'dev', version } },
  resource: { aws_s3_bucket: { b: { '//': { metadata: { path: 'dev/b' } }, bucket: 'x', tags: ['a'] } } },
  ...extra,
});

const output = (stacks: Record<string, unknown>, files = ['cdk.tf.json']): SynthOutput => ({
  stacks: Object.fromEntries(Object.entries(stacks).map(([name, json]) => [name, { json, files }])),
});

describe('diffJson', () => {
  test('equal values: nothing', () => {
    expect(diffJson(stack('1'), stack('1'))).toEqual([]);
  });

  test('each differing leaf with its path, absent as undefined', () => {
    expect(diffJson({ a: { b: 1, c: [1, 2] } }, { a: { b: 2, c: [1], d: true } })).toEqual([
      { path: ['a', 'b'], cdktf: 1, cdktn: 2 },
      { path: ['a', 'c', '1'], cdktf: 2, cdktn: undefined },
      { path: ['a', 'd'], cdktf: undefined, cdktn: true },
    ]);
  });

  test('a type change is one difference', () => {
    expect(diffJson({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: ['a'], cdktf: [1], cdktn: { 0: 1 } }]);
  });
});

describe('classify', () => {
  const explained: ExplainedDifference = {
    description: 'an example',
    docs: 'docs/cdk-terrain.md#what-the-check-compares',
    matches: (name, difference) => name === 'dev' && difference.path.join('.') === 'terraform.required_version',
  };

  test('anything under a // key is metadata, wherever it is', () => {
    expect(classify('dev', { path: ['//', 'metadata', 'version'], cdktf: '0.21.0', cdktn: '0.24.0' }).kind).toBe(
      'metadata',
    );
    expect(classify('dev', { path: ['resource', 'x', 'y', '//', 'metadata', 'path'], cdktf: 1, cdktn: 2 }).kind).toBe(
      'metadata',
    );
  });

  test('outside the metadata: explained only by an entry that matches', () => {
    const difference = { path: ['terraform', 'required_version'], cdktf: '>= 1.7.0', cdktn: undefined };
    expect(classify('dev', difference, [explained])).toMatchObject({ kind: 'explained', explanation: explained });
    expect(classify('prod', difference, [explained]).kind).toBe('unexplained');
    expect(classify('dev', difference).kind).toBe('unexplained');
  });
});

describe('compareSynth', () => {
  test('the same stacks but for the core version: metadata only', () => {
    const differences = compareSynth(output({ dev: stack('0.21.0') }), output({ dev: stack('0.24.0') }));
    expect(differences).toEqual([
      { stack: 'dev', kind: 'metadata', path: ['//', 'metadata', 'version'], cdktf: '0.21.0', cdktn: '0.24.0' },
    ]);
  });

  test('a changed attribute, a missing stack and an extra file are unexplained', () => {
    const cdktf = output({ dev: stack('1'), prod: stack('1') });
    const cdktn: SynthOutput = {
      stacks: {
        dev: { json: stack('1', { terraform: { required_version: '>= 1.10' } }), files: ['cdk.tf.json', 'x'] },
      },
    };
    expect(
      compareSynth(cdktf, cdktn).map((difference) => [difference.stack, difference.kind, difference.path]),
    ).toEqual([
      ['dev', 'unexplained', ['(files)', 'x']],
      ['dev', 'unexplained', ['terraform']],
      ['prod', 'unexplained', ['(stack)']],
    ]);
  });
});

test('groupDifferences says a difference common to several stacks once', () => {
  const differences = compareSynth(
    output({ bootstrap: stack('0.21.0'), dev: stack('0.21.0') }),
    output({ bootstrap: stack('0.24.0'), dev: stack('0.24.0') }),
  );
  expect(groupDifferences(differences)).toEqual([
    {
      kind: 'metadata',
      path: '//.metadata.version',
      cdktf: '"0.21.0"',
      cdktn: '"0.24.0"',
      stacks: ['bootstrap', 'dev'],
    },
  ]);
});
