import * as fs from 'node:fs';
import { E2E_VARIABLES } from './e2e';
import { runResources } from './run-resources';

/**
 * Waits for the shared bootstrap's deploy if it is still running (a run that selected none of
 * its users ends before it would matter), stops the run's emulator, and removes the scratch
 * projects and logs (kept with E2E_KEEP=1).
 */
export default async function globalTeardown(): Promise<void> {
  const resources = runResources();
  await resources?.sharedBootstrap;
  await resources?.emulator.stop();
  const workDir = process.env[E2E_VARIABLES.workDir];
  if (workDir && process.env.E2E_KEEP !== '1') fs.rmSync(workDir, { recursive: true, force: true });
}
