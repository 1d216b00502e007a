import { App } from 'cdktf';
import { emulatorFromEnv } from './config/emulator';
import { projectConfig } from './config/project';
import { validateConfig } from './config/validate';
import { bootstrapStatePath } from './naming/names';
import { addProjectStacks } from './stacks';

// Validate first: a rejected configuration must not write anything.
const project = validateConfig(projectConfig);
const emulator = emulatorFromEnv();

const app = new App();
addProjectStacks(app, project, {
  bootstrapStatePath: bootstrapStatePath(app.outdir, process.cwd()),
  emulator,
});
app.synth();
