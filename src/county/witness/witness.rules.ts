import { bytesEqual, decodeBase64, encodeBase64 } from '../../platform/record-log/bytes.ts';
import { openCheckpoint, parseCheckpoint } from '../../platform/record-log/checkpoint.ts';
import type { Checkpoint } from '../../platform/record-log/checkpoint.ts';
import { RecordLogError } from '../../platform/record-log/errors.ts';
import { EMPTY_ROOT, HASH_SIZE, verifyConsistency } from '../../platform/record-log/merkle.ts';
import { cachedVerifierKey } from '../../platform/record-log/note.ts';
import type { CosignerKey } from './cosigner-key.ts';

/**
 * The witness's rules: C2SP tlog-witness "add-checkpoint" (what a request is, which status answers it) and
 * C2SP tlog-cosignature (the `cosignature/v1` Ed25519 signature line). Pure: the service gives them the log's
 * trusted keys and the checkpoint held, under a lock, and stores what they decide.
 */

/** tlog-witness: "The client MUST NOT send more than 63 consistency proof lines." */
export const MAX_PROOF_LINES = 63;

const OLD_SIZE = /^old (0|[1-9][0-9]*)$/;
const SIGNATURE_PREFIX = '\u2014 '; // em dash, space

/** An add-checkpoint request body as sent. */
export interface AddCheckpointRequest {
  readonly oldSize: number;
  readonly proof: readonly Uint8Array[];
  /** The signed checkpoint note, with every signature line as sent. */
  readonly note: string;
  /** The checkpoint's origin line, read before any signature is checked (to find the log). */
  readonly origin: string;
}

/** What the witness holds for a log: its latest cosigned checkpoint. */
export interface HeldCheckpoint {
  readonly size: number;
  readonly root: Uint8Array;
  readonly note: string;
}

/** The answer: cosign (and store unless already held), or refuse with the spec's status. */
export type Judgement =
  | {
      readonly outcome: 'cosign';
      readonly checkpoint: Checkpoint;
      readonly text: string;
      readonly advances: boolean;
    }
  | { readonly outcome: 'conflict'; readonly heldSize: number }
  | { readonly outcome: 'untrusted'; readonly reason: string }
  | { readonly outcome: 'bad-request'; readonly reason: string }
  | { readonly outcome: 'inconsistent'; readonly reason: string; readonly fork: boolean };

export class MalformedRequest extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MalformedRequest';
  }
}

/** Reads one newline-terminated line at `at`; tlog-witness: "Each line MUST terminate in a newline". */
function lineAt(text: string, at: number): { line: string; next: number } {
  const end = text.indexOf('\n', at);
  if (end < 0) throw new MalformedRequest('a line does not end in a newline');
  return { line: text.slice(at, end), next: end + 1 };
}

/**
 * tlog-witness "add-checkpoint": the body is an old size line (`old <size>`, decimal without leading
 * zeroes), zero to 63 consistency proof lines (one base64 hash each), an empty line, then the checkpoint
 * (C2SP tlog-checkpoint, a signed note). Anything else throws MalformedRequest (400 Bad Request).
 */
export function parseAddCheckpoint(body: Uint8Array | string): AddCheckpointRequest {
  let text: string;
  try {
    text =
      typeof body === 'string'
        ? body
        : new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new MalformedRequest('the body is not UTF-8');
  }
  const first = lineAt(text, 0);
  const old = OLD_SIZE.exec(first.line);
  if (!old || !Number.isSafeInteger(Number(old[1])))
    throw new MalformedRequest('the first line is not `old <size>`');
  const proof: Uint8Array[] = [];
  let at = first.next;
  for (;;) {
    const { line, next } = lineAt(text, at);
    at = next;
    if (line === '') break;
    const hash = decodeBase64(line);
    if (hash === null || hash.length !== HASH_SIZE)
      throw new MalformedRequest('a proof line is not a base64 hash');
    proof.push(hash);
    if (proof.length > MAX_PROOF_LINES) throw new MalformedRequest('more than 63 consistency proof lines');
  }
  const note = text.slice(at);
  const split = note.indexOf('\n\n');
  if (split < 0) throw new MalformedRequest('the checkpoint note has no signatures');
  let origin: string;
  try {
    origin = parseCheckpoint(note.slice(0, split + 1)).origin;
  } catch {
    throw new MalformedRequest('the checkpoint is malformed');
  }
  return { oldSize: Number(old[1]), proof, note, origin };
}

/**
 * tlog-witness "add-checkpoint", in the spec's order, for a known log (an unknown origin is 404 before
 * this): the signature by a trusted key (403), old size ≤ checkpoint size (400), old size = the size held
 * or 0 (409 with the size held), the empty tree's root (422), no proof from size 0 (422), same size means
 * same root (422, a fork), and the RFC 6962 consistency proof from the held checkpoint (422). Then cosign.
 */
export function judgeCheckpoint(
  request: AddCheckpointRequest,
  trustedKeys: readonly string[],
  held: HeldCheckpoint | null,
): Judgement {
  let checkpoint: Checkpoint;
  let text: string;
  try {
    const opened = openCheckpoint(request.note, trustedKeys.map(cachedVerifierKey), request.origin);
    checkpoint = opened.checkpoint;
    text = opened.note.text;
  } catch (err) {
    if (err instanceof RecordLogError && err.code === 'MALFORMED_CHECKPOINT') {
      return { outcome: 'bad-request', reason: err.message };
    }
    // An unknown-key-only note, a failing signature by a trusted key, or a malformed note (signed-note).
    return { outcome: 'untrusted', reason: err instanceof Error ? err.message : String(err) };
  }
  if (request.oldSize > checkpoint.size) {
    return { outcome: 'bad-request', reason: 'the old size is larger than the checkpoint size' };
  }
  const heldSize = held?.size ?? 0;
  if (request.oldSize !== heldSize) return { outcome: 'conflict', heldSize };
  if (checkpoint.size === 0 && !bytesEqual(checkpoint.root, EMPTY_ROOT)) {
    return {
      outcome: 'inconsistent',
      reason: 'a checkpoint of size 0 must have the empty root',
      fork: false,
    };
  }
  if (request.oldSize === 0) {
    if (request.proof.length > 0) {
      return { outcome: 'inconsistent', reason: 'a proof from the empty tree must be empty', fork: false };
    }
    return { outcome: 'cosign', checkpoint, text, advances: held === null || checkpoint.size > held.size };
  }
  // From here a checkpoint is held (old size = held size > 0).
  const root = held!.root;
  if (checkpoint.size === request.oldSize) {
    if (!bytesEqual(checkpoint.root, root) || request.proof.length > 0) {
      return {
        outcome: 'inconsistent',
        reason: `same size ${checkpoint.size} as the checkpoint held, another root`,
        fork: !bytesEqual(checkpoint.root, root),
      };
    }
    return { outcome: 'cosign', checkpoint, text, advances: false };
  }
  try {
    verifyConsistency(request.oldSize, checkpoint.size, request.proof, root, checkpoint.root);
  } catch (err) {
    return {
      outcome: 'inconsistent',
      reason: `consistency proof from size ${request.oldSize} to ${checkpoint.size} fails: ${(err as Error).message}`,
      fork: true,
    };
  }
  return { outcome: 'cosign', checkpoint, text, advances: true };
}

/**
 * C2SP tlog-cosignature "Ed25519 signed message": two newline-terminated lines, `cosignature/v1` and
 * `time <POSIX seconds>` (ASCII decimal, no leading zeroes), then the whole checkpoint note body
 * (with its final newline, without any signature line).
 */
export function cosignedMessage(checkpointText: string, timestamp: number): Uint8Array {
  return new TextEncoder().encode(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`);
}

/**
 * C2SP tlog-cosignature "Format": the note signature line `— <name> base64(key ID || timestamped_signature)`,
 * where key ID is 4 bytes (SHA-256(name || "\n" || 0x04 || public key)[:4]) and timestamped_signature is
 * `u64 timestamp` big-endian (RFC 8446 §3.3) followed by the 64-byte Ed25519 signature: 76 bytes in all.
 * tlog-witness: the timestamp MUST NOT be zero.
 */
export function cosignatureLine(key: CosignerKey, checkpointText: string, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp <= 0)
    throw new Error('a cosignature needs a positive time');
  const signature = key.sign(cosignedMessage(checkpointText, timestamp));
  const bytes = Buffer.alloc(4 + 8 + signature.length);
  bytes.writeUInt32BE(key.keyId, 0);
  bytes.writeBigUInt64BE(BigInt(timestamp), 4);
  bytes.set(signature, 12);
  return `${SIGNATURE_PREFIX}${key.name} ${encodeBase64(bytes)}\n`;
}

/** The root of a held checkpoint as stored (base64) and back. */
export const rootText = (root: Uint8Array): string => encodeBase64(root);
