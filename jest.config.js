// Four groups, one per kind of dependency: `unit` runs in-process and needs nothing, `app` runs the
// app command (scripts/run-app.js: esbuild, then node) as cdktf runs it, `terraform` runs the
// terraform binary against the offline provider mirror, `e2e` also starts the AWS emulator.
const transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
};

// Tests that synthesize through the real app command, in scratch copies of the project.
const APP = ['<rootDir>/__tests__/main.test.ts', '<rootDir>/__tests__/workloads/add-a-workload.test.ts'];

/** @type {import('jest').Config} */
module.exports = {
  testSequencer: '<rootDir>/__tests__/support/test-sequencer.js',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      // How a worker runs unit test files: modules compiled once per worker, not once per file (the file says what else and why).
      runtime: '<rootDir>/__tests__/support/jest-runtime.js',
      // jest-circus without a message to the main process for each test (the file says why).
      testRunner: '<rootDir>/__tests__/support/test-runner.js',
      // cdktf records no stack for each token it creates (the file says why).
      setupFiles: ['<rootDir>/__tests__/support/cdktf-stack-traces.js'],
      moduleNameMapper: { '^archiver$': '<rootDir>/__tests__/support/lazy-archiver.js' },
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/terraform/', '<rootDir>/__tests__/e2e/', ...APP],
    },
    {
      displayName: 'app',
      testEnvironment: 'node',
      transform,
      testMatch: APP,
    },
    {
      displayName: 'terraform',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/__tests__/terraform/**/*.test.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/__tests__/e2e/support/global-setup.ts',
      globalTeardown: '<rootDir>/__tests__/e2e/support/global-teardown.ts',
    },
  ],
};
