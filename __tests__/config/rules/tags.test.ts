import { validateProject } from '../../../naming/project';
import { expectOnlyProblem, expectProblem, untyped } from '../../support/config-errors';
import { testConfig } from '../../support/test-config';

const KEY_RULE = 'a tag key must be 1 to 128 letters, digits, spaces or _ . : / = + - @';
const VALUE_RULE = 'a tag value must be a string of up to 256 letters, digits, spaces or _ . : / = + - @';
const AWS_PREFIX_RULE = 'tag keys starting with "aws:" are reserved by AWS';

function withTags(tags: Record<string, string>) {
  return testConfig({ tags });
}

function withEnvironmentTags(tags: Record<string, string>) {
  return testConfig({ environments: { dev: { region: 'eu-west-1', tags } } });
}

describe('project tags', () => {
  test.each([
    ['a 128-character key', { ['k'.repeat(128)]: 'v' }],
    ['a 256-character value', { Owner: 'v'.repeat(256) }],
    ['an empty value', { Owner: '' }],
    ['every allowed punctuation character', { 'a_b.c:d/e=f+g-h@i j': 'a_b.c:d/e=f+g-h@i j' }],
    ['an e-mail address as the value', { Owner: 'team@example.com' }],
    ['non-ASCII letters and digits', { Équipe: 'Plateforme ١٢٣ 日本' }],
    ['"aws" not followed by a colon', { awsome: 'yes', 'team:aws:role': 'x' }],
  ])('accept %s', (_, tags) => {
    expect(validateProject(withTags(tags)).config.tags).toEqual(tags);
  });

  test.each(['', 'k'.repeat(129), 'cost#center', 'a*b', 'key!', 'a,b', 'tab\tkey'])('reject the key %j', (key) => {
    expectOnlyProblem(withTags({ [key]: 'v' }), { field: `tags["${key}"]`, value: key, rule: KEY_RULE });
  });

  test.each(['aws:createdBy', 'AWS:Owner', 'Aws:x'])('reject the reserved key %j', (key) => {
    expectOnlyProblem(withTags({ [key]: 'v' }), { field: `tags["${key}"]`, value: key, rule: AWS_PREFIX_RULE });
  });

  test.each(['v'.repeat(257), 'a;b', 'x#1', 'line\nbreak', '<b>'])('reject the value %j', (value) => {
    expectOnlyProblem(withTags({ Owner: value }), { field: 'tags["Owner"]', value, rule: VALUE_RULE });
  });

  test('reject a non-string value', () => {
    expectOnlyProblem(testConfig(untyped({ tags: { Count: 3 } })), {
      field: 'tags["Count"]',
      value: 3,
      rule: VALUE_RULE,
    });
  });

  test('report a bad key and a bad value of the same tag separately', () => {
    const error = expectProblem(withTags({ 'a#b': 'c;d' }), { field: 'tags["a#b"]', value: 'a#b', rule: KEY_RULE });
    expect(error.problems).toEqual([
      { field: 'tags["a#b"]', value: 'a#b', rule: KEY_RULE },
      { field: 'tags["a#b"]', value: 'c;d', rule: VALUE_RULE },
    ]);
  });
});

describe('environment tags', () => {
  test('are checked with the same rules, under the environment field', () => {
    expectOnlyProblem(withEnvironmentTags({ 'aws:Team': 'x' }), {
      field: 'environments.dev.tags["aws:Team"]',
      value: 'aws:Team',
      rule: AWS_PREFIX_RULE,
    });
    expectOnlyProblem(withEnvironmentTags({ ['k'.repeat(129)]: 'x' }), {
      field: `environments.dev.tags["${'k'.repeat(129)}"]`,
      value: 'k'.repeat(129),
      rule: KEY_RULE,
    });
    expectOnlyProblem(withEnvironmentTags({ CostCenter: 'v'.repeat(257) }), {
      field: 'environments.dev.tags["CostCenter"]',
      value: 'v'.repeat(257),
      rule: VALUE_RULE,
    });
  });

  test('accept valid tags', () => {
    const { config } = validateProject(
      withEnvironmentTags({ CostCenter: 'dev 1', ['k'.repeat(128)]: 'v'.repeat(256) }),
    );
    expect(config.environments.dev?.tags?.CostCenter).toBe('dev 1');
  });
});
