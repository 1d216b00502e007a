import * as path from 'node:path';
import { App } from 'cdktf';
import { emulatorFromEnv } from './config/emulator';
import { projectConfig } from './config/project';
import { validateConfig } from './config/validate';
import { BOOTSTRAP_STATE_FILE, bootstrapStatePath } from './naming/names';
import { addProjectStacks } from './stacks';
import { bootstrapStateRecordsBucket } from './stacks/bootstrap-state';

// Validate first: a rejected configuration must not write anything.
const project = validateConfig(projectConfig);
const emulator = emulatorFromEnv();

const app = new App();
addProjectStacks(app, project, {
  bootstrapStatePath: bootstrapStatePath(app.outdir, process.cwd()),
  bootstrapStateFound: bootstrapStateRecordsBucket(path.join(process.cwd(), BOOTSTRAP_STATE_FILE)),
  emulator,
});
app.synth();
