import * as fs from 'node:fs';
import { E2E_VARIABLES } from './e2e';

/** Stops the emulator by its PID and removes the scratch projects (kept with E2E_KEEP=1). */
export default async function globalTeardown(): Promise<void> {
  await globalThis.e2eEmulator?.stop();
  const workDir = process.env[E2E_VARIABLES.workDir];
  if (workDir && process.env.E2E_KEEP !== '1') fs.rmSync(workDir, { recursive: true, force: true });
}
