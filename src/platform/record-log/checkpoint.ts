import { decodeBase64, encodeBase64, hasControlCharacter } from './bytes.ts';
import { RecordLogError } from './errors.ts';
import { HASH_SIZE } from './merkle.ts';
import { openNote, signNote } from './note.ts';
import type { NoteSigner, NoteVerifier, OpenedNote } from './note.ts';

/**
 * C2SP tlog-checkpoint: the note text of a signed tree head.
 *
 *     <origin>\n<tree size, decimal>\n<base64 root hash>\n[<extension line>\n]*
 *
 * Every line is non-empty; the size has no leading zeros (the empty tree is `0`); the root is the
 * 32-byte RFC 6962 root. Extension lines are opaque and NOT RECOMMENDED (monitors cannot audit them).
 */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  readonly extensions: readonly string[];
}

const SIZE = /^(?:0|[1-9][0-9]*)$/;

function malformed(why: string): RecordLogError {
  return new RecordLogError('MALFORMED_CHECKPOINT', `malformed checkpoint: ${why}`);
}

function checkLine(line: string, what: string): void {
  // A line holds no newline and, being part of a signed note, no other control character either.
  if (line.length === 0 || hasControlCharacter(line, false))
    throw malformed(`${what} must be one non-empty line`);
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, root, extensions } = checkpoint;
  checkLine(origin, 'origin');
  if (!Number.isSafeInteger(size) || size < 0) throw malformed('size must be a non-negative safe integer');
  if (root.length !== HASH_SIZE) throw malformed('root must be 32 bytes');
  for (const line of extensions) checkLine(line, 'an extension line');
  return [origin, String(size), encodeBase64(root), ...extensions].map((line) => `${line}\n`).join('');
}

/** Parses a checkpoint note text (the text returned by `openNote`, not the signed note itself). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('text must end in a newline');
  const [origin = '', size = '', root = '', ...extensions] = text.slice(0, -1).split('\n');
  checkLine(origin, 'origin');
  if (!SIZE.test(size) || !Number.isSafeInteger(Number(size))) throw malformed('bad tree size');
  const rootHash = decodeBase64(root);
  if (rootHash === null || rootHash.length !== HASH_SIZE) throw malformed('root must be base64 of 32 bytes');
  for (const line of extensions) checkLine(line, 'an extension line');
  return { origin, size: Number(size), root: rootHash, extensions };
}

export function signCheckpoint(checkpoint: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), signers);
}

/**
 * Opens a signed checkpoint: the note must carry a valid signature by one of `verifiers` (see `openNote`)
 * and its origin must be the one the caller expects, so a checkpoint of another log is never accepted.
 */
export function openCheckpoint(
  message: Uint8Array | string,
  verifiers: readonly NoteVerifier[],
  origin: string,
): { checkpoint: Checkpoint; note: OpenedNote } {
  const note = openNote(message, verifiers);
  const checkpoint = parseCheckpoint(note.text);
  if (checkpoint.origin !== origin) {
    throw new RecordLogError(
      'ORIGIN_MISMATCH',
      `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not ${origin}`,
    );
  }
  return { checkpoint, note };
}
