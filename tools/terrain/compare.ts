/**
 * Comparing what cdktf and cdktn synthesize for the same app. Pure: the check (check.ts) reads the
 * files and hands the parsed JSON here.
 */

/** The key under which cdktf and cdktn write their metadata, at the top of a stack and in every block. */
export const METADATA_KEY = '//';

export interface JsonDifference {
  /** The keys (and array indexes) down to the value, e.g. ["//", "metadata", "version"]. */
  readonly path: readonly string[];
  /** Undefined: absent on that side. */
  readonly cdktf: unknown;
  readonly cdktn: unknown;
}

/** Every leaf that differs between two JSON values, in key order. */
export function diffJson(cdktf: unknown, cdktn: unknown, at: readonly string[] = []): JsonDifference[] {
  if (Array.isArray(cdktf) && Array.isArray(cdktn)) {
    const length = Math.max(cdktf.length, cdktn.length);
    return Array.from({ length }, (_, index) => diffJson(cdktf[index], cdktn[index], [...at, String(index)])).flat();
  }
  if (isObject(cdktf) && isObject(cdktn)) {
    const keys = [...new Set([...Object.keys(cdktf), ...Object.keys(cdktn)])].sort();
    return keys.flatMap((key) => diffJson(cdktf[key], cdktn[key], [...at, key]));
  }
  return Object.is(cdktf, cdktn) ? [] : [{ path: at, cdktf, cdktn }];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A known difference outside the metadata, with the docs section that explains it. */
export interface ExplainedDifference {
  readonly description: string;
  /** e.g. docs/cdk-terrain.md#what-the-check-compares */
  readonly docs: string;
  readonly matches: (stack: string, difference: JsonDifference) => boolean;
}

/**
 * Differences outside the metadata that are understood and documented. None so far: every stack,
 * in every configuration and mode the check synthesizes, is the same JSON under both cores but
 * for metadata. One found later gets an entry here and a paragraph in docs/cdk-terrain.md.
 */
export const EXPLAINED_DIFFERENCES: readonly ExplainedDifference[] = [];

export type DifferenceKind =
  /** Under a `//` key: cdktf's and cdktn's own notes (their version, the overrides used), not Terraform configuration. */
  'metadata' | 'explained' | 'unexplained';

export interface StackDifference extends JsonDifference {
  readonly stack: string;
  readonly kind: DifferenceKind;
  /** For explained differences: which. */
  readonly explanation?: ExplainedDifference;
}

export function classify(
  stack: string,
  difference: JsonDifference,
  explained: readonly ExplainedDifference[] = EXPLAINED_DIFFERENCES,
): StackDifference {
  if (difference.path.includes(METADATA_KEY)) return { ...difference, stack, kind: 'metadata' };
  const explanation = explained.find((entry) => entry.matches(stack, difference));
  return explanation === undefined
    ? { ...difference, stack, kind: 'unexplained' }
    : { ...difference, stack, kind: 'explained', explanation };
}

/** One synth's output: each stack's JSON (cdk.tf.json) and the names of the files in its directory. */
export interface SynthOutput {
  readonly stacks: Readonly<Record<string, { readonly json: unknown; readonly files: readonly string[] }>>;
}

/**
 * Compares two synth outputs stack by stack. A stack or a file present on one side only is an
 * unexplained difference (path `["(stack)"]` or `["(files)", name]`).
 */
export function compareSynth(
  cdktf: SynthOutput,
  cdktn: SynthOutput,
  explained: readonly ExplainedDifference[] = EXPLAINED_DIFFERENCES,
): StackDifference[] {
  const names = [...new Set([...Object.keys(cdktf.stacks), ...Object.keys(cdktn.stacks)])].sort();
  return names.flatMap((stack) => {
    const left = cdktf.stacks[stack];
    const right = cdktn.stacks[stack];
    if (left === undefined || right === undefined) {
      return [
        classify(
          stack,
          {
            path: ['(stack)'],
            cdktf: left === undefined ? undefined : stack,
            cdktn: right === undefined ? undefined : stack,
          },
          explained,
        ),
      ];
    }
    const files = [...new Set([...left.files, ...right.files])]
      .sort()
      .filter((file) => left.files.includes(file) !== right.files.includes(file))
      .map((file) =>
        classify(
          stack,
          {
            path: ['(files)', file],
            cdktf: left.files.includes(file) ? file : undefined,
            cdktn: right.files.includes(file) ? file : undefined,
          },
          explained,
        ),
      );
    return [...files, ...diffJson(left.json, right.json).map((difference) => classify(stack, difference, explained))];
  });
}

/** `//.metadata.version` for a path, `(absent)` and JSON for values: one line per difference. */
export function formatPath(path: readonly string[]): string {
  return path.join('.');
}

export function formatValue(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

export interface DifferenceGroup {
  readonly kind: DifferenceKind;
  readonly path: string;
  readonly cdktf: string;
  readonly cdktn: string;
  readonly stacks: readonly string[];
}

/** The same difference in several stacks, said once: e.g. the core's version in every stack. */
export function groupDifferences(differences: readonly StackDifference[]): DifferenceGroup[] {
  const groups = new Map<
    string,
    { kind: DifferenceKind; path: string; cdktf: string; cdktn: string; stacks: string[] }
  >();
  for (const difference of differences) {
    const path = formatPath(difference.path);
    const cdktf = formatValue(difference.cdktf);
    const cdktn = formatValue(difference.cdktn);
    const key = JSON.stringify([difference.kind, path, cdktf, cdktn]);
    const group = groups.get(key) ?? { kind: difference.kind, path, cdktf, cdktn, stacks: [] };
    if (!group.stacks.includes(difference.stack)) group.stacks.push(difference.stack);
    groups.set(key, group);
  }
  return [...groups.values()];
}
