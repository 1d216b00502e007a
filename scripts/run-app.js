#!/usr/bin/env node
// The cdktf `app` command. Runs main.ts without a type check (that is `npm run lint`'s job):
// esbuild bundles the project's own TypeScript into .build/ and rebuilds only when a source file
// is newer than the bundle, so most synths start at once. The @cdktf/provider-aws modules are
// bundled too: their files carry large inline source maps that cost more to load than the code
// (measured: about 20 ms, a tenth of loading cdktf itself). Every other package stays external.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
// `node scripts/run-app.js <entry.ts> [args...]`: the entry then sees its own args from argv[2].
const entry = process.argv.splice(2, 1)[0] ?? 'main.ts';
const outfile = path.join(root, '.build', entry.replace(/\.ts$/, '.js'));
const metafile = `${outfile}.meta.json`;

function bundleIsFresh() {
  try {
    const builtAt = fs.statSync(outfile).mtimeMs;
    const { inputs } = JSON.parse(fs.readFileSync(metafile, 'utf8'));
    // Their directories too: a file added to one (say, a new workload in workloads/, which the
    // bundle takes in through a template require) changes the directory, not any input.
    const directories = new Set(Object.keys(inputs).map((input) => path.dirname(input)));
    return [...Object.keys(inputs), ...directories].every(
      (input) => fs.statSync(path.join(root, input)).mtimeMs <= builtAt,
    );
  } catch {
    return false; // no bundle yet, or a source file was removed
  }
}

// Write-then-rename, so concurrent synths never load a half-written bundle.
function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

const BUNDLED_PACKAGES = ['@cdktf/provider-aws'];

function externalPackages() {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
    .filter((name) => !BUNDLED_PACKAGES.includes(name))
    .flatMap((name) => [name, `${name}/*`]);
}

if (!bundleIsFresh()) {
  const result = require('esbuild').buildSync({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    external: externalPackages(),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  writeAtomically(outfile, result.outputFiles[0].contents);
  writeAtomically(metafile, JSON.stringify(result.metafile));
}

try {
  require(outfile);
} catch (error) {
  // Configuration errors are for the user, not a stack trace.
  if (error instanceof Error && error.name === 'ConfigError') {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
