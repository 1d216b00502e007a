import { problem, type InputRule, type Problem } from './problem';

// AWS tag rules shared by S3, DynamoDB and KMS.
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function tagProblems(field: string, tags: Readonly<Record<string, string>> | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(tags ?? {})) {
    if (key.length < 1 || key.length > 128 || !TAG_CHARACTERS.test(key)) {
      problems.push(
        problem(`${field}["${key}"]`, key, 'a tag key must be 1 to 128 letters, digits, spaces or _ . : / = + - @'),
      );
    } else if (key.toLowerCase().startsWith('aws:')) {
      problems.push(problem(`${field}["${key}"]`, key, 'tag keys starting with "aws:" are reserved by AWS'));
    }
    if (typeof value !== 'string' || value.length > 256 || !TAG_CHARACTERS.test(value)) {
      problems.push(
        problem(
          `${field}["${key}"]`,
          value,
          'a tag value must be a string of up to 256 letters, digits, spaces or _ . : / = + - @',
        ),
      );
    }
  }
  return problems;
}

export const tagsRule: InputRule = (config) => [
  ...tagProblems('tags', config.tags),
  ...Object.entries(config.environments).flatMap(([name, environment]) =>
    tagProblems(`environments.${name}.tags`, environment.tags),
  ),
];
