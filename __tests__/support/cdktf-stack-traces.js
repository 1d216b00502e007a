// cdktf records the full stack (no depth limit) of every token it creates: each Lazy, each
// attribute reference, each Fn call, thousands per synthesized stack. It reads them only to write
// an error message about a token ("Object creation stack: ..."). In a Jest worker each stack went
// through Jest's own formatter, which reads the inline source map of every cdktf and provider file
// on the stack and maps each frame: about a third of the CPU time of a test file that synthesizes.
// Formatted by V8 instead, as in the app, they still cost about 0.5 s of the unit tests' CPU.
// So in unit tests (jest.config.js setupFiles) cdktf records none: its tokens, what it
// synthesizes and its error messages are the same, without that part. Jest still source-maps
// every error a test sees.
'use strict';
const stackTrace = require('cdktf/lib/tokens/private/stack-trace');

stackTrace.captureStackTrace = () => [];
