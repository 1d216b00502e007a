/**
 * The critical path of a Terraform apply: the longest chain of resources that had to wait for
 * one another, weighted by how long each took. An apply can finish no sooner; the difference
 * between a deploy's wall time and this is overhead (CLI, synth, init, plan, waiting).
 */

// cdktf prints the construct path after the address: "aws_s3_bucket.x (state-bucket/bucket): ..."
const COMPLETE =
  /([\w-]+\.[\w-]+)(?: \([^)]*\))?: (?:Creation|Modifications|Destruction) complete after ((?:\d+h)?(?:\d+m)?\d+s)/g;

/** Per-resource durations from Terraform's human output ("... Creation complete after 1m5s"). */
export function resourceDurations(output: string): Map<string, number> {
  const durations = new Map<string, number>();
  for (const [, address = '', duration = ''] of output.matchAll(COMPLETE)) {
    const [, h = '0', m = '0', s = '0'] = /^(?:(\d+)h)?(?:(\d+)m)?(\d+)s$/.exec(duration) ?? [];
    durations.set(address, ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000);
  }
  return durations;
}

interface SynthesizedResources {
  resource?: Record<string, Record<string, unknown>>;
}

/** Each resource's direct dependencies (references and depends_on) in a synthesized stack. */
export function resourceDependencies(stack: SynthesizedResources): Map<string, Set<string>> {
  const addresses = Object.entries(stack.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );
  const dependencies = new Map<string, Set<string>>();
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const self = `${type}.${name}`;
      const json = JSON.stringify(body);
      dependencies.set(self, new Set(addresses.filter((other) => other !== self && json.includes(other))));
    }
  }
  return dependencies;
}

/** Longest duration-weighted dependency chain, in ms, with the chain itself. */
export function criticalPath(
  durations: ReadonlyMap<string, number>,
  dependencies: ReadonlyMap<string, ReadonlySet<string>>,
): { readonly ms: number; readonly chain: readonly string[] } {
  const memo = new Map<string, { ms: number; chain: string[] }>();
  const longest = (address: string): { ms: number; chain: string[] } => {
    const known = memo.get(address);
    if (known) return known;
    let best = { ms: 0, chain: [] as string[] };
    for (const dependency of dependencies.get(address) ?? []) {
      const candidate = longest(dependency);
      if (candidate.ms > best.ms) best = candidate;
    }
    const result = { ms: best.ms + (durations.get(address) ?? 0), chain: [...best.chain, address] };
    memo.set(address, result);
    return result;
  };
  let overall = { ms: 0, chain: [] as string[] };
  for (const address of durations.keys()) {
    const candidate = longest(address);
    if (candidate.ms > overall.ms) overall = candidate;
  }
  return overall;
}
