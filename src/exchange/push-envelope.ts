import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { z } from 'zod';
import { openNote, signNote, type NoteSigner, type NoteVerifier } from '../platform/record-log/note.ts';
import type { pushBatch, pushEnvelope, pushProof, pushReceipt, PushRecordType } from './push.schema.ts';

/**
 * How a pushed batch and its receipt are signed (docs/county-push.md). Both are C2SP signed notes, so the
 * record log's note code signs and opens them and a key is pinned as a signed-note verifier key:
 *
 *     sanxiang-push/v1                      sanxiang-push-receipt/v1
 *     <agency credit code>                  <agency credit code>
 *     <first sequence> <last sequence>      <first sequence> <last sequence>
 *     <body SHA-256, hex>                   <body SHA-256, hex>
 *                                           <received at, ISO 8601>
 *
 * where the body SHA-256 is that of the RFC 8785 canonical JSON of `{batch, proof}`. The agency signs with
 * its push key, the platform with its receipt key. Pure: no I/O.
 */
export const PUSH_FORMAT = 'sanxiang-push/v1';
export const RECEIPT_FORMAT = 'sanxiang-push-receipt/v1';

export type PushBatch = z.infer<typeof pushBatch>;
export type PushProof = z.infer<typeof pushProof>;
export type PushEnvelope = z.infer<typeof pushEnvelope>;
export type PushReceipt = z.infer<typeof pushReceipt>;

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const canonical = (value: unknown): string => canonicalize(value) ?? 'null';

/** A record's `contentHash`: SHA-256 (hex) of its content's RFC 8785 canonical JSON. */
export const contentHashOf = (content: unknown): string => sha256Hex(canonical(content));

/** What a batch's hashes are made of, each record's content canonicalised once (see `pushDigests`). */
export interface PushDigests {
  /** The body SHA-256 that the push note signs. */
  readonly bodySha256: string;
  /** Each record's content as RFC 8785 canonical JSON, in batch order. */
  readonly contents: readonly string[];
  /** Each record's content SHA-256 (what its `contentHash` must be), in batch order. */
  readonly contentHashes: readonly string[];
}

/** A value no sender can guess: where a canonical text is spliced into the text around it. */
const SPLICE_MARK = `sanxiang-splice-${randomUUID()}`;
const MARK_JSON = JSON.stringify(SPLICE_MARK);

/**
 * `canonical(outer)` where `outer` holds the marker once in place of a value whose canonical text is
 * `inner`: RFC 8785 is compositional (a value's canonical text inside a document is its canonical text
 * alone), so splicing `inner` where the marker's text is gives the document's canonical text. If the
 * marker's text does not occur exactly once (it cannot, unless the sender knew this process's marker),
 * null: the caller canonicalises the whole.
 */
function splice(outer: unknown, inner: string): string | null {
  const text = canonical(outer);
  const at = text.indexOf(MARK_JSON);
  if (at < 0 || text.indexOf(MARK_JSON, at + 1) >= 0) return null;
  return text.slice(0, at) + inner + text.slice(at + MARK_JSON.length);
}

/**
 * The body SHA-256 and every record's content hash, with each content canonicalised once: the body's
 * canonical text is assembled from the records' (issue 14 item 7; the ingest of a 500-record batch
 * otherwise canonicalises every content twice, once for its hash and once inside the body). Equal to
 * `sha256(canonical({batch, proof}))` whatever fields the batch, its records or the proof carry.
 */
export function pushDigests(batch: PushBatch, proof: PushProof): PushDigests {
  const contents = batch.records.map((r) => canonical(r.content));
  const records: string[] = [];
  for (const [i, r] of batch.records.entries()) {
    const text = splice({ ...r, content: SPLICE_MARK }, contents[i]!);
    if (text === null) return wholeDigests(batch, proof, contents);
    records.push(text);
  }
  const body = splice({ batch: { ...batch, records: SPLICE_MARK }, proof }, `[${records.join(',')}]`);
  if (body === null) return wholeDigests(batch, proof, contents);
  return { bodySha256: sha256Hex(body), contents, contentHashes: contents.map(sha256Hex) };
}

function wholeDigests(batch: PushBatch, proof: PushProof, contents: readonly string[]): PushDigests {
  return {
    bodySha256: sha256Hex(canonical({ batch, proof })),
    contents,
    contentHashes: contents.map(sha256Hex),
  };
}

/** The body SHA-256 that the push note signs. */
export const pushBodySha256 = (batch: PushBatch, proof: PushProof): string =>
  pushDigests(batch, proof).bodySha256;

export const pushNoteText = (batch: PushBatch, bodySha256: string): string =>
  `${PUSH_FORMAT}\n${batch.agencyCreditCode}\n${batch.firstSequence} ${batch.lastSequence}\n${bodySha256}\n`;

/** Signs a batch with the agency's push key(s). */
export function signPush(batch: PushBatch, proof: PushProof, signers: readonly NoteSigner[]): PushEnvelope {
  return { batch, proof, signature: signNote(pushNoteText(batch, pushBodySha256(batch, proof)), signers) };
}

export class PushSignatureError extends Error {
  override name = 'PushSignatureError';
}

/**
 * Checks the envelope's note: signed by one of `verifiers` (a known key whose signature fails refuses it),
 * and saying exactly this batch's credit code, range and body hash. Returns the body SHA-256. `bodySha256`:
 * the envelope's, when the caller has computed it already (`pushDigests`), so the body is hashed once.
 */
export function openPush(
  envelope: PushEnvelope,
  verifiers: readonly NoteVerifier[],
  bodySha256: string = pushBodySha256(envelope.batch, envelope.proof),
): string {
  let text: string;
  try {
    text = openNote(envelope.signature, verifiers).text;
  } catch (err) {
    throw new PushSignatureError(`推送批次的签名无效：${(err as Error).message}`, { cause: err });
  }
  if (text !== pushNoteText(envelope.batch, bodySha256)) {
    throw new PushSignatureError('推送批次的签名与批次内容不符');
  }
  return bodySha256;
}

export type ReceiptFields = Omit<PushReceipt, 'format' | 'note'>;

export const receiptNoteText = (r: ReceiptFields): string =>
  `${RECEIPT_FORMAT}\n${r.agencyCreditCode}\n${r.firstSequence} ${r.lastSequence}\n${r.bodySha256}\n${r.receivedAt}\n`;

/** The platform's receipt of an accepted batch, signed with its receipt key. */
export function signReceipt(fields: ReceiptFields, signers: readonly NoteSigner[]): PushReceipt {
  return { format: RECEIPT_FORMAT, ...fields, note: signNote(receiptNoteText(fields), signers) };
}

/** Checks a receipt against the platform's receipt key and the batch it acknowledges; throws if not. */
export function openReceipt(
  receipt: PushReceipt,
  verifiers: readonly NoteVerifier[],
  expected: { agencyCreditCode: string; firstSequence: number; lastSequence: number; bodySha256: string },
): void {
  let text: string;
  try {
    text = openNote(receipt.note, verifiers).text;
  } catch (err) {
    throw new PushSignatureError(`回执的签名无效：${(err as Error).message}`, { cause: err });
  }
  const { format: _f, note: _n, ...fields } = receipt;
  if (text !== receiptNoteText(fields)) throw new PushSignatureError('回执的签名与回执内容不符');
  for (const key of ['agencyCreditCode', 'firstSequence', 'lastSequence', 'bodySha256'] as const) {
    if (receipt[key] !== expected[key]) throw new PushSignatureError(`回执的 ${key} 与所推送的批次不符`);
  }
}

/**
 * The subject a record is about: the latest record of a (type, subject) is the county's current view of it
 * (null for checkpoints, which are a series, not a subject).
 */
export function subjectIdOf(type: PushRecordType, content: Record<string, unknown>): string | null {
  switch (type) {
    case 'agency':
    case 'unit':
    case 'officer':
    case 'publication':
    case 'case_summary':
      return String(content.id);
    case 'power_list_version':
      return String(content.itemId);
    case 'publication_withdrawal':
      return String(content.publicationId);
    case 'inspection_result':
      return String(content.caseId);
    case 'checkpoint':
      return null;
  }
}
