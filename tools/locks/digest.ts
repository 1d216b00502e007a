import { createHash } from 'node:crypto';

/** Terraform's digest: hex MD5 of the state object's bytes (not the ETag, which SSE-KMS makes opaque). */
export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

export type DigestStatus =
  /** The digest is the MD5 of the current state. */
  | 'match'
  /** Neither state nor digest: the environment was never deployed. */
  | 'never-deployed'
  /** State without a digest: Terraform skips the check, and the next write records one. */
  | 'no-digest'
  /** Terraform would fail: "state data in S3 does not have the expected content". */
  | 'mismatch'
  /** A digest but no state object: Terraform fails the same way; the state may have been deleted. */
  | 'state-missing';

export interface DigestComparison {
  readonly status: DigestStatus;
  /** What the `-md5` item says. */
  readonly expected: string | undefined;
  /** MD5 of the state object as stored now. */
  readonly actual: string | undefined;
}

/** Pure: the same comparison Terraform makes when it reads the state. */
export function compareDigest(expected: string | undefined, state: Uint8Array | undefined): DigestComparison {
  const actual = state === undefined ? undefined : md5Hex(state);
  if (expected === undefined)
    return { status: actual === undefined ? 'never-deployed' : 'no-digest', expected, actual };
  if (actual === undefined) return { status: 'state-missing', expected, actual };
  return { status: expected.toLowerCase() === actual ? 'match' : 'mismatch', expected, actual };
}

/** Statuses Terraform would fail on. */
export function isDigestProblem(status: DigestStatus): boolean {
  return status === 'mismatch' || status === 'state-missing';
}
