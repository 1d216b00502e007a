import type { CliIo } from '../../../../tools/locks/cli-io';

/** A terminal that records what the CLI prints and answers its questions from a script. */
export class FakeIo implements CliIo {
  stdout = '';
  stderr = '';
  readonly questions: string[] = [];

  constructor(
    readonly interactive = false,
    private readonly answers: string[] = [],
  ) {}

  out(text: string): void {
    this.stdout += text;
  }

  err(text: string): void {
    this.stderr += text;
  }

  async ask(question: string): Promise<string> {
    this.questions.push(question);
    return this.answers.shift() ?? '';
  }
}
