import { CONFIGURATION_KEYS, USER_KEYS, VALUE, type KeyLevel, type KeyNode } from '../known-keys';
import { didYouMean, nearMisses } from '../suggest';
import { problem, type InputRule, type Problem } from './problem';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a.b` for plain keys, `a["odd key"]` for the rest, as the other rules write paths. */
export function childPath(parent: string, key: string): string {
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

function levelProblems(path: string, value: unknown, level: KeyLevel): Problem[] {
  // A value of the wrong type is the shape rule's to report; there are no keys to check here.
  if (!isRecord(value)) return [];
  const known = Object.keys(level.keys);
  return Object.entries(value).flatMap(([key, child]) => {
    const node = Object.hasOwn(level.keys, key) ? level.keys[key] : undefined;
    if (node === undefined) {
      const suggestions = nearMisses(key, known);
      return [
        problem(
          childPath(path, key),
          child,
          `is not a setting of ${level.what}, so it would be ignored${
            suggestions.length > 0 ? didYouMean(suggestions) : `; the settings there are: ${known.join(', ')}`
          }`,
        ),
      ];
    }
    return nodeProblems(childPath(path, key), child, node);
  });
}

function nodeProblems(path: string, value: unknown, node: KeyNode): Problem[] {
  if (node === VALUE || node === USER_KEYS) return [];
  if ('each' in node) {
    if (!isRecord(value)) return [];
    return Object.entries(value).flatMap(([name, entry]) => levelProblems(childPath(path, name), entry, node.each));
  }
  return levelProblems(path, value, node);
}

/**
 * No setting is silently ignored: a key the project does not know, at any depth, is refused with
 * its path and, for a near miss (a typo, another case), the key it probably meant. The known keys
 * are config/known-keys.ts.
 */
export const unknownKeysRule: InputRule = (config) => levelProblems('', config, CONFIGURATION_KEYS);
