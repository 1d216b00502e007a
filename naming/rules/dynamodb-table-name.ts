import { problem } from '../../config/rules/problem';
import type { NameRule } from './name-rule';

/** DynamoDB's table naming rules. */
export const lockTableNameRule: NameRule = (config, names) => {
  const field = config.lockTableName === undefined ? 'lockTableName (derived from project)' : 'lockTableName';
  const name = names.lockTable;
  const rules: string[] = [];
  if (name.length < 3 || name.length > 255) {
    rules.push(`DynamoDB table names must be 3 to 255 characters long (this one has ${name.length})`);
  }
  if (!/^[A-Za-z0-9_.-]*$/.test(name)) {
    rules.push('DynamoDB table names may contain only letters, digits, underscores (_), hyphens (-) and dots (.)');
  }
  return rules.map((rule) => problem(field, name, rule));
};
