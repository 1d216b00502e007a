import { partition } from '@aws-sdk/util-endpoints';

/**
 * AWS regions as the AWS SDK for JavaScript knows them: its partition data (the regions of aws,
 * aws-cn, aws-us-gov, aws-eusc and the ISO partitions), maintained by AWS and updated with the SDK.
 * A new region is known here after `npm update @aws-sdk/util-endpoints`.
 */
export function isKnownRegion(name: string): boolean {
  let known = answers.get(name);
  if (known === undefined) {
    // The partition data also lists pseudo-regions such as "aws-global": not a place to put resources.
    // A listed region comes with its description; any other name only falls back to a partition's pattern.
    known = !name.endsWith('-global') && 'description' in partition(name);
    answers.set(name, known);
  }
  return known;
}

/**
 * Each name's answer, once: a suggestion asks about every name one edit away from a typo (703
 * for "eu-wset-1", 20 µs each), and a configuration is often validated more than once.
 */
const answers = new Map<string, boolean>();

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789-';

/** Every string one edit away: a character deleted, swapped with its neighbour, replaced or inserted. */
function oneEditAway(word: string): Set<string> {
  const variants = new Set<string>();
  for (let index = 0; index <= word.length; index++) {
    const [head, tail] = [word.slice(0, index), word.slice(index)];
    if (tail.length > 0) variants.add(head + tail.slice(1));
    if (tail.length > 1) variants.add(head + (tail[1] ?? '') + (tail[0] ?? '') + tail.slice(2));
    for (const character of ALPHABET) {
      if (tail.length > 0) variants.add(head + character + tail.slice(1));
      variants.add(head + character + tail);
    }
  }
  return variants;
}

/** Known regions one typo away from `value` (case and surrounding spaces ignored), sorted. */
export function regionSuggestions(value: string): string[] {
  const word = value.trim().toLowerCase();
  if (word.length === 0 || word.length > 32) return [];
  const candidates = isKnownRegion(word) ? new Set([word]) : oneEditAway(word);
  return [...candidates].filter((candidate) => candidate !== value && isKnownRegion(candidate)).sort();
}
