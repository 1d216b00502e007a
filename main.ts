import * as path from 'node:path';
import { App } from 'cdktf';
import { addBootstrapHint, bootstrapStateRecordsBucket } from './app/bootstrap-hint';
import { cdktfCommand } from './app/cdktf-command';
import { emulatorFromEnv, localBootstrapStateFile } from './app/emulator-endpoint';
import { applyEmulatorMode } from './app/emulator-mode';
import { copyProviderLock, lockMismatchWarning } from './app/provider-lock';
import { applyTeardownMode, teardownRequested } from './app/teardown-mode';
import { projectConfig } from './config/project';
import { bootstrapStatePath } from './naming/names';
import { validateProject } from './naming/project';
import { addProjectStacks } from './stacks';
import { checkWorkloads } from './stacks/workloads';

// Validate first, workload names included: a rejected configuration must not write anything
// (new App() already creates the output directory).
const validated = validateProject(projectConfig);
checkWorkloads(validated);
const emulator = emulatorFromEnv();
const bootstrapStateFile = localBootstrapStateFile();
const teardown = teardownRequested(validated.names.stateBucket);
// A teardown empties and deletes the bucket, so the bootstrap's state must not live in it meanwhile.
const project = teardown
  ? { ...validated, config: { ...validated.config, bootstrapState: 'local' as const } }
  : validated;

const app = new App();
const stacks = addProjectStacks(app, project, {
  bootstrapStatePath: bootstrapStatePath(app.outdir, process.cwd(), bootstrapStateFile),
});
addBootstrapHint(stacks.environments, {
  stateFile: bootstrapStateFile,
  bootstrapDeployed: bootstrapStateRecordsBucket(path.join(process.cwd(), bootstrapStateFile)),
  command: cdktfCommand(),
});
if (emulator !== undefined) applyEmulatorMode(app, emulator);
if (teardown) applyTeardownMode(app);
app.synth();
// The committed provider lock into every stack's directory: every deploy installs exactly that provider.
const lock = copyProviderLock(process.cwd(), app.outdir);
if (lock.mismatches.length > 0) process.stderr.write(`${lockMismatchWarning(lock.mismatches)}\n`);
