/** Where a tool writes: results and its usage on stdout, errors on stderr. */
export interface ToolOutput {
  out(text: string): void;
  err(text: string): void;
}

export const PROCESS_OUTPUT: ToolOutput = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};
