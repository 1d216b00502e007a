import * as fs from 'node:fs';
import * as path from 'node:path';

/** What a copy needs to synthesize and deploy; never the user's state or build output. */
const PROJECT_ENTRIES = [
  'cdktf.json',
  '.terraform.lock.hcl',
  'main.ts',
  'package.json',
  'tsconfig.json',
  'config',
  'naming',
  'constructs',
  'workloads',
  'stacks',
  'app',
  'scripts',
  'tools',
];

/**
 * Copies the project into `destination` (a scratch directory) so it can be driven the way a
 * user drives it without touching the original's state, and links the original's node_modules.
 */
export function copyProject(source: string, destination: string): string {
  fs.mkdirSync(destination, { recursive: true });
  for (const entry of PROJECT_ENTRIES) {
    // The provider lock file may have been removed (docs/provider-lock.md); everything else is required.
    if (entry === '.terraform.lock.hcl' && !fs.existsSync(path.join(source, entry))) continue;
    fs.cpSync(path.join(source, entry), path.join(destination, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(source, 'node_modules'), path.join(destination, 'node_modules'), 'dir');
  return destination;
}

/** Replaces the copy's configuration with `configSource`, TypeScript for config/project.ts. */
export function writeProjectConfig(projectDir: string, configSource: string): void {
  fs.writeFileSync(path.join(projectDir, 'config', 'project.ts'), configSource);
}

/** config/project.ts source for a configuration value. */
export function projectConfigSource(config: unknown): string {
  return [
    "import type { ProjectConfig } from './types';",
    '',
    `export const projectConfig: ProjectConfig = ${JSON.stringify(config, null, 2)};`,
    '',
  ].join('\n');
}
