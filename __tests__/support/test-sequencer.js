// The order `npm test` starts its files in, on 2 workers: the end-to-end files first, because
// each spends most of its time waiting (the aws provider's minute on lifecycle rules, a deploy's
// turn on the emulator) and the rest fills those waits; among them, the files that deploy
// bootstraps of their own before those that use the shared one (which global-setup deploys
// meanwhile); then terraform, app and unit files. Within a group, jest's own order: failed last
// time first, then slowest last time, then largest.
'use strict';
const fs = require('node:fs');
const TestSequencer = require('@jest/test-sequencer').default;

const GROUPS = ['e2e', 'terraform', 'app', 'unit'];

function usesSharedBootstrap(path) {
  try {
    return fs.readFileSync(path, 'utf8').includes('useSharedBootstrap()');
  } catch {
    return false;
  }
}

function rank(test) {
  const group = GROUPS.indexOf(test.context.config.displayName?.name ?? 'unit');
  const shared = group === 0 && usesSharedBootstrap(test.path) ? 0.5 : 0;
  return (group < 0 ? GROUPS.length : group) + shared;
}

class GroupedSequencer extends TestSequencer {
  sort(tests) {
    const ordered = super.sort([...tests]);
    const position = new Map(ordered.map((test, index) => [test, index]));
    return [...ordered].sort((a, b) => rank(a) - rank(b) || position.get(a) - position.get(b));
  }
}

module.exports = GroupedSequencer;
