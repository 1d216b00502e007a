// cdktf records the full stack (no depth limit) of every token it creates: each Lazy, each
// attribute reference, each Fn call. Outside Jest, V8 formats those frames. In a Jest worker, the
// stack goes through Jest's own formatter, which reads the inline source map of every cdktf and
// provider file on the stack and maps each frame: about a third of the CPU time of a test file that
// synthesizes. Here cdktf's stacks are formatted as V8 formats them in the app (unmapped frames of
// the JavaScript files), and nothing else changes: the same stacks, in the same tokens, for the
// same error messages. Jest still source-maps every error a test sees (jest.config.js setupFiles).
'use strict';
const stackTrace = require('cdktf/lib/tokens/private/stack-trace');

const capture = stackTrace.captureStackTrace;
const v8Format = (error, frames) => `${error}${frames.map((frame) => `\n    at ${frame}`).join('')}`;

stackTrace.captureStackTrace = function captureStackTrace(below) {
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = v8Format;
  try {
    return capture(below || captureStackTrace);
  } finally {
    Error.prepareStackTrace = prepare;
  }
};
