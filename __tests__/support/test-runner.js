// The unit project's test runner (jest.config.js `testRunner`): jest-circus, Jest's default, without
// its messages about each test to the main process. jest-circus sent two as each test started and
// ended (4,400 for the unit tests), and only the progress line of an interactive terminal reads them;
// about 1 s of the unit tests' CPU on 2 cores. Each file's result, with every test's, still goes to
// the main process when the file ends, and the reporters print and count it as before: only that
// progress line now moves file by file.
'use strict';
const circus = require('jest-circus/runner');

const runTests = circus.default ?? circus;

module.exports = (globalConfig, config, environment, runtime, testPath) =>
  runTests(globalConfig, config, environment, runtime, testPath);
