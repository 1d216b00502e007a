import * as fs from 'node:fs';

/**
 * The resource types a Terraform local state file records, one entry per resource block; undefined
 * when the file is missing, empty or not state. Only reads the file: no Terraform, no AWS.
 */
export function localStateResourceTypes(stateFile: string): string[] | undefined {
  try {
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { resources?: Array<{ type?: string }> };
    return (state.resources ?? []).map((resource) => resource.type ?? '');
  } catch {
    return undefined;
  }
}
