/**
 * Terraform's state file (format version 4), as far as the tools read it: serial, lineage, the
 * Terraform version that wrote it and its resources. Parsing never throws: a version that is not
 * a state (a hand edit, a `state push` of the wrong file) must still be listed.
 */

export interface StateSummary {
  readonly serial: number;
  readonly lineage: string;
  readonly terraformVersion: string;
  /** Managed resources with at least one instance: what a destroy would remove. */
  readonly resources: number;
  /** `module.x.type.name` (or `type.name`) of every managed resource, sorted. */
  readonly addresses: readonly string[];
}

export type ParsedState =
  { readonly readable: true; readonly state: StateSummary } | { readonly readable: false; readonly problem: string };

interface RawResource {
  readonly mode?: unknown;
  readonly type?: unknown;
  readonly name?: unknown;
  readonly module?: unknown;
  readonly instances?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function managed(resource: RawResource): boolean {
  return resource.mode !== 'data' && (!Array.isArray(resource.instances) || resource.instances.length > 0);
}

function address(resource: RawResource): string {
  const base = `${String(resource.type)}.${String(resource.name)}`;
  return typeof resource.module === 'string' && resource.module !== '' ? `${resource.module}.${base}` : base;
}

export function parseState(text: string): ParsedState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { readable: false, problem: 'not JSON' };
  }
  if (!isRecord(value)) return { readable: false, problem: 'not a JSON object' };
  const { serial, lineage, terraform_version: version, resources } = value;
  if (typeof serial !== 'number' || !Number.isInteger(serial) || serial < 0) {
    return { readable: false, problem: 'no serial: not a Terraform state' };
  }
  if (typeof lineage !== 'string' || lineage === '') {
    return { readable: false, problem: 'no lineage: not a Terraform state' };
  }
  const list = (Array.isArray(resources) ? resources : []).filter(isRecord) as RawResource[];
  const owned = list.filter(managed);
  return {
    readable: true,
    state: {
      serial,
      lineage,
      terraformVersion: typeof version === 'string' ? version : '',
      resources: owned.length,
      addresses: owned.map(address).sort(),
    },
  };
}

/**
 * Managed resources a state records (data sources are read, not owned). Throws on text that is
 * not JSON: a teardown must never take a state it cannot read for an empty one.
 */
export function managedResources(stateJson: string): number {
  const value: unknown = JSON.parse(stateJson);
  if (!isRecord(value) || !Array.isArray(value.resources)) return 0;
  return (value.resources.filter(isRecord) as RawResource[]).filter(managed).length;
}

/**
 * The same text with the top-level `serial` set to `serial`, every other byte kept: re-serializing
 * through JSON.parse would round large integers in resource attributes.
 */
export function withSerial(text: string, serial: number): string {
  let depth = 0;
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    if (character === '"') {
      const end = stringEnd(text, index);
      if (depth === 1 && text.slice(index, end + 1) === '"serial"') {
        const match = /^\s*:\s*(\d+)/.exec(text.slice(end + 1));
        if (match?.[1] !== undefined) {
          const start = end + 1 + match[0].length - match[1].length;
          return `${text.slice(0, start)}${serial}${text.slice(start + match[1].length)}`;
        }
      }
      index = end + 1;
      continue;
    }
    if (character === '{' || character === '[') depth++;
    else if (character === '}' || character === ']') depth--;
    index++;
  }
  throw new Error('withSerial: the state has no top-level serial');
}

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    if (text[index] === '\\') index += 2;
    else if (text[index] === '"') return index;
    else index++;
  }
  return text.length - 1;
}
