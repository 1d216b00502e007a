import * as fs from 'node:fs';
import { E2E_VARIABLES } from './e2e';

/** Removes the scratch projects and emulator logs (kept with E2E_KEEP=1). */
export default async function globalTeardown(): Promise<void> {
  const workDir = process.env[E2E_VARIABLES.workDir];
  if (workDir && process.env.E2E_KEEP !== '1') fs.rmSync(workDir, { recursive: true, force: true });
}
