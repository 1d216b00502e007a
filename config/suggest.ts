/**
 * "Did you mean ...?" for a value that is close to a known one: a typo (one or two edits,
 * a swap of neighbours counted as one) or the same word in another case.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = d[i];
      if (row !== undefined) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** How many edits still read as a typo of a word of this length. */
function tolerance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

/** The known values `value` is probably a typo of, closest first (ties in the given order). */
export function nearMisses(value: string, known: readonly string[]): string[] {
  const folded = value.toLowerCase();
  const scored = known
    .map((candidate) => {
      const distance = candidate.toLowerCase() === folded ? 0 : editDistance(folded, candidate.toLowerCase());
      return { candidate, distance };
    })
    .filter(({ candidate, distance }) => candidate !== value && distance <= tolerance(candidate.length));
  return scored.sort((x, y) => x.distance - y.distance).map(({ candidate }) => candidate);
}

/** `; did you mean "a"?`, `; did you mean "a" or "b"?`, or '' when there is nothing to suggest. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((suggestion) => `"${suggestion}"`);
  return `; did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`}?`;
}
