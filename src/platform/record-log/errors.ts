/**
 * The one error type of the record log's pure code. Every failure has a typed code (the sigstore-js
 * `BaseError<Code>` pattern) so callers can branch on it; the HTTP edge maps these to its own catalogue.
 * Messages are English: they are for logs and operators, never shown to a clerk as they are.
 */
export type RecordLogErrorCode =
  // Merkle trees and proofs (RFC 6962 / RFC 9162)
  | 'INVALID_SIZE'
  | 'INDEX_OUT_OF_RANGE'
  | 'WRONG_PROOF_LENGTH'
  | 'WRONG_HASH_LENGTH'
  | 'ROOT_MISMATCH'
  | 'MISSING_NODE'
  // Tiles and entry bundles (C2SP tlog-tiles)
  | 'MALFORMED_TILE'
  | 'MALFORMED_BUNDLE'
  | 'ENTRY_TOO_LARGE'
  // Log entries (entry.ts)
  | 'MALFORMED_ENTRY'
  // Keys and signed notes (C2SP signed-note)
  | 'MALFORMED_KEY'
  | 'KEY_HASH_MISMATCH'
  | 'UNKNOWN_ALGORITHM'
  | 'AMBIGUOUS_KEY'
  | 'MALFORMED_NOTE'
  | 'INVALID_SIGNATURE'
  | 'UNVERIFIED_NOTE'
  // Checkpoints (C2SP tlog-checkpoint)
  | 'MALFORMED_CHECKPOINT'
  | 'ORIGIN_MISMATCH';

export class RecordLogError extends Error {
  readonly code: RecordLogErrorCode;

  constructor(code: RecordLogErrorCode, message: string) {
    super(message);
    this.name = 'RecordLogError';
    this.code = code;
  }
}
