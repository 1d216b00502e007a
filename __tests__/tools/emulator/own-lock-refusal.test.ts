import type { HeldLock } from '../../../tools/locks/lock-status';
import { CommandOverlap, isStateLockRefusal, locksTakenSince } from '../../../tools/emulator/own-lock-refusal';
import type { CommandResult } from '../../../tools/terraform/run';

// Terraform's output in the run that showed the problem (a lone plan, 2026-11-26, lock-tool e2e).
const REFUSED_BY_ITSELF = `
Error: Error acquiring the state lock

Error message: operation error DynamoDB: PutItem, https response error
StatusCode: 400, RequestID: h6ErfDs9zIVQnD7yV2fkKvJk41dXsbMwuNlTK6btaOdAL9acdSja,
ConditionalCheckFailedException: The conditional request failed
Lock Info:
  ID:        c4ee1847-7492-d5cb-f7e8-e4e3e4b55bf6
  Path:      e2e-locktool-tfstate-123456789012-us-east-1/dev/terraform.tfstate
  Operation: OperationTypePlan
`;

const result = (exitCode: number, stderr: string): CommandResult => ({
  command: 'terraform plan',
  exitCode,
  stdout: 'Acquiring state lock. This may take a few moments...\n',
  stderr,
  durationMs: 1,
});

const lock = (id: string | undefined, createdAt: Date | undefined): HeldLock => ({
  id,
  heldBy: ['dynamodb'],
  info: undefined,
  createdAt,
  ageMs: undefined,
  problem: undefined,
  records: [],
});

describe('a state lock refusal', () => {
  test('is a failed command whose output says Terraform could not acquire the lock', () => {
    expect(isStateLockRefusal(result(1, REFUSED_BY_ITSELF))).toBe(true);
  });

  test('is not any other failure, nor a success that mentions locks', () => {
    expect(isStateLockRefusal(result(1, 'Error: state data in S3 does not have the expected content.'))).toBe(false);
    expect(isStateLockRefusal(result(0, REFUSED_BY_ITSELF))).toBe(false);
  });
});

describe('locks a command can only have taken itself', () => {
  const started = new Date('2026-11-26T19:04:48.000Z');

  test('are those created after it started, with an ID to release them by', () => {
    const own = lock('c4ee', new Date('2026-11-26T19:04:49.436Z'));
    expect(locksTakenSince([own], started)).toEqual([own]);
  });

  test('exclude a lock taken before it started (a crashed run, another run), or undated, or without an ID', () => {
    expect(
      locksTakenSince(
        [
          lock('earlier', new Date('2026-11-26T19:04:47.999Z')),
          lock('undated', undefined),
          lock(undefined, new Date('2026-11-26T19:04:50.000Z')),
        ],
        started,
      ),
    ).toEqual([]);
  });
});

describe('command overlap', () => {
  test('a command that ran alone did not overlap', () => {
    const overlap = new CommandOverlap();
    const first = overlap.begin();
    first.end();
    const second = overlap.begin();
    second.end();
    expect([first.overlapped(), second.overlapped()]).toEqual([false, false]);
  });

  test('two commands running at the same time both overlapped, however they ended', () => {
    const overlap = new CommandOverlap();
    const holder = overlap.begin();
    const refused = overlap.begin();
    refused.end();
    holder.end();
    expect([holder.overlapped(), refused.overlapped()]).toEqual([true, true]);
    const later = overlap.begin();
    later.end();
    expect(later.overlapped()).toBe(false);
  });
});
