import * as path from 'node:path';
import { App } from 'cdktf';
import { addBootstrapHint, bootstrapStateRecordsBucket } from './app/bootstrap-hint';
import { cdktfCommand } from './app/cdktf-command';
import { emulatorFromEnv, localBootstrapStateFile } from './app/emulator-endpoint';
import { applyEmulatorMode } from './app/emulator-mode';
import { applyTeardownMode, teardownRequested } from './app/teardown-mode';
import { projectConfig } from './config/project';
import { bootstrapStatePath } from './naming/names';
import { validateProject } from './naming/project';
import { addProjectStacks } from './stacks';

// Validate first: a rejected configuration must not write anything.
const validated = validateProject(projectConfig);
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
