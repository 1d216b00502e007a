import * as fs from 'node:fs';
import * as path from 'node:path';

// The flow a newcomer reads in the tree, each layer using only those before it:
// config -> naming -> constructs -> workloads (yours) -> stacks -> app (the edge: emulator mode, hints) -> main.ts,
// with tools/ above all.
const LAYERS = ['config', 'naming', 'constructs', 'workloads', 'stacks', 'app', 'main.ts', 'tools'] as const;
const ROOT = path.resolve(__dirname, '../..');

function layerOf(file: string): number {
  const top = path.relative(ROOT, file).split(path.sep)[0] ?? '';
  return LAYERS.indexOf(top as (typeof LAYERS)[number]);
}

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (fs.statSync(full).isFile()) return [full];
  return fs
    .readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((dirent) => dirent.isFile() && dirent.name.endsWith('.ts'))
    .map((dirent) => path.join(dirent.parentPath, dirent.name));
}

/** Relative module paths a file imports or re-exports, resolved to files of the project. */
function relativeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'|require\('(\.[^']+)'\)/g)].map(
    (match) => match[1] ?? match[2] ?? '',
  );
  return specifiers.map((specifier) => path.resolve(path.dirname(file), specifier));
}

const files = LAYERS.flatMap((layer) => sourceFiles(layer));

test('every layer exists and holds code', () => {
  for (const layer of LAYERS) expect({ layer, files: sourceFiles(layer).length > 0 }).toEqual({ layer, files: true });
});

test.each(files.map((file) => [path.relative(ROOT, file), file]))(
  '%s imports only from its own or earlier layers',
  (_, file) => {
    const own = layerOf(file);
    const upward = relativeImports(file)
      .filter((target) => layerOf(target) > own)
      .map((target) => `${path.relative(ROOT, target)} (${LAYERS[layerOf(target)]})`);
    expect(upward).toEqual([]);
  },
);

test.each(
  ['config', 'naming', 'constructs', 'workloads', 'stacks']
    .flatMap((layer) => sourceFiles(layer))
    .map((file) => [path.relative(ROOT, file), file]),
)('%s knows nothing of emulators (emulator mode is applied at the edge, app/emulator-mode.ts)', (_, file) => {
  const text = fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  expect(text).not.toMatch(/emulator|\bmoto\b|AWS_ENDPOINT_URL|\bendpoints?\s*[:=]/i);
});

test('the check itself sees an upward import', () => {
  const stacks = path.join(ROOT, 'stacks', 'x.ts');
  expect(layerOf(path.resolve(path.dirname(stacks), '../app/emulator-mode'))).toBeGreaterThan(layerOf(stacks));
});
