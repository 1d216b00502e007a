// The unit project's Jest runtime (jest.config.js `runtime`): Jest's own, with four changes to
// how a worker runs the test files it is given, none to what a test sees. Jest gives every test
// file a fresh module registry and context, so each file loads Jest's own expect and circus,
// cdktf, the provider classes and the AWS SDK again; it still does, and each file still runs
// every module afresh, with its own module objects. Nothing is kept across runs.
//
// 1. Each module is compiled as a `vm.Script`, not with `vm.compileFunction`: on Node 20 the
//    latter never hits V8's compilation cache (nodejs/node#35375), so every file parsed and
//    compiled all of that again, and compiled again each function it called. A Script of the same
//    source does hit it, keyed by the full source text. (On Node 22 and later both ways hit it.)
//    The wrapper is Jest's own module wrapper, on the first line with a negative column offset,
//    so line and column numbers, and the source-mapped stack traces, are those Jest gives.
//    Anything a Script cannot compile (a syntax error, ESM syntax) goes to Jest's own compile,
//    which reports it as Jest does.
// 2. A worker reads and wraps each module's source once, and again when the file's modification
//    time or size changes.
// 3. jest-circus's AsyncLocalStorage of each test file is disabled when the file ends.
// 4. No optimizing compiler in the worker.
//
// What each saved (npm run test:unit on 2 cores, Node 20) is in the commit that made it.
'use strict';
const { AsyncLocalStorage } = require('node:async_hooks');
const fs = require('node:fs');
const v8 = require('node:v8');
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;

// No optimizing compiler (TurboFan) in the workers that run unit tests: every test file runs its
// modules' code afresh for a few milliseconds, and optimizing it costs more than it saves (about
// 1.2 s of the unit tests' 14 s of CPU, on 2 cores, Node 20). Tests behave the same; the
// interpreter and the baseline compiler still run everything. It stays off for the rest of the
// worker's life (with `npm test`, other projects' files that the worker runs later, which mostly
// wait on processes).
v8.setFlagsFromString('--no-opt');

// jest-circus creates an AsyncLocalStorage in every test file and never disables it. Before Node 24,
// an enabled one stays in a process-wide list that every new promise walks: a worker's 50th file paid
// 50 propagations for each promise it created. Each is disabled when its file ends (run() would
// enable it again).
const enabledStorages = new Set();
const storagePrototype = AsyncLocalStorage.prototype;
if (typeof storagePrototype._enable === 'function') {
  const enable = storagePrototype._enable;
  storagePrototype._enable = function (...args) {
    enabledStorages.add(this);
    return enable.apply(this, args);
  };
}

// What this worker has read and wrapped, by file: read again when its modification time or size
// changes (Jest's own cache of transformed files goes by the modification time alone). The same
// string each time also spares V8 hashing it again to find it in its compilation cache.
const sources = new Map();
const wrapped = new Map();

class ScriptRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const { executor, fileCache } = this;
    if (
      typeof executor?.compile !== 'function' ||
      !Array.isArray(executor.injectedModuleParameters) ||
      typeof fileCache?.readFile !== 'function' ||
      !(fileCache.strings instanceof Map)
    ) {
      throw new Error(
        '__tests__/support/jest-runtime.js: jest-runtime no longer has executor.compile or fileCache.readFile; update it to this Jest version',
      );
    }
    const jestReadFile = fileCache.readFile.bind(fileCache);
    fileCache.readFile = (filename) => {
      const own = fileCache.strings.get(filename);
      if (own !== undefined) return own;
      const stat = fs.statSync(filename, { throwIfNoEntry: false });
      if (stat === undefined) return jestReadFile(filename);
      const known = sources.get(filename);
      if (known !== undefined && known.mtimeMs === stat.mtimeMs && known.size === stat.size) {
        fileCache.strings.set(filename, known.source);
        return known.source;
      }
      const source = jestReadFile(filename);
      sources.set(filename, { mtimeMs: stat.mtimeMs, size: stat.size, source });
      return source;
    };
    const jestCompile = executor.compile.bind(executor);
    executor.compile = (source, filename) => {
      const context = executor.environment.getVmContext();
      if (context == null || executor.resolution.isCoreModule(filename)) return jestCompile(source, filename);
      const wrapper = `(function (${executor.injectedModuleParameters.join(', ')}) {`;
      let code = wrapped.get(filename);
      if (code?.source !== source || code.wrapper !== wrapper) {
        code = { source, wrapper, text: `${wrapper}${source}\n})` };
        wrapped.set(filename, code);
      }
      let script;
      try {
        script = new vm.Script(code.text, {
          filename,
          columnOffset: -wrapper.length,
          importModuleDynamically: (specifier, _script, importAttributes, phase) =>
            executor.dynamicImport(specifier, filename, context, importAttributes, phase),
        });
      } catch {
        return jestCompile(source, filename);
      }
      return script.runInContext(context);
    };
  }

  teardown() {
    super.teardown();
    for (const storage of enabledStorages) storage.disable();
    enabledStorages.clear();
  }
}

module.exports = ScriptRuntime;
