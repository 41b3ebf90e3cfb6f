import { z } from 'zod';
import { contentHashOf } from '../../exchange/push-envelope.ts';
import { pushRecords, pushRecordTypes } from '../../exchange/push.schema.ts';
import { decodeBase64, encodeBase64 } from '../../platform/record-log/bytes.ts';
import { openCheckpoint, type Checkpoint } from '../../platform/record-log/checkpoint.ts';
import { parseEntry } from '../../platform/record-log/entry.ts';
import { leafHash, verifyInclusion } from '../../platform/record-log/merkle.ts';
import type { NoteVerifier } from '../../platform/record-log/note.ts';

/**
 * How the county platform judges a pushed batch (docs/county-push.md "The ingest (platform side)"), in the
 * table's order after the agency, its standing and the signature are known: the sequence against what is
 * held (a gap 409, wholly held, or the part past it to apply), each record's content against its hash and
 * its type's schema, the overlap against the stored hashes, then the proofs of the new records against a
 * checkpoint signed by the agency's log key and held by the witness. Pure: the service reads and writes.
 */

/**
 * The envelope as the ingest reads it: the wire format (push.schema.ts `pushEnvelope`) with each record's
 * content left open, so that a content that is not valid under its type's schema is a 422 with the
 * record named, after the signature and the sequence, as the protocol orders it (not a 400).
 */
const openRecord = z.object({
  sequence: z.number().int().min(1),
  type: z.enum(pushRecordTypes),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  logIndex: z.number().int().min(0),
  content: z.record(z.string(), z.unknown()),
});
export const ingestEnvelope = z.object({
  batch: z.object({
    format: z.literal('sanxiang-push/v1'),
    agencyCreditCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/),
    firstSequence: z.number().int().min(1),
    lastSequence: z.number().int().min(1),
    records: z.array(openRecord).min(1).max(10_000),
  }),
  proof: z.object({
    checkpoint: z.string().max(64 * 1024),
    entries: z.array(
      z.object({
        sequence: z.number().int().min(1),
        entry: z.base64(),
        inclusion: z.array(z.base64()).max(63),
      }),
    ),
  }),
  signature: z.string().max(64 * 1024),
  sm2Signature: z.string().max(1024).optional(),
});
export type IngestEnvelope = z.infer<typeof ingestEnvelope>;
export type IngestRecord = IngestEnvelope['batch']['records'][number];
export type IngestProofEntry = IngestEnvelope['proof']['entries'][number];

/** A refusal: its problem code, a Chinese reason, the field when there is one. */
export interface Refusal {
  readonly code: 'PUSH_BAD_REQUEST' | 'PUSH_CONTENT_MISMATCH' | 'PUSH_PROOF_INVALID';
  readonly detail: string;
  readonly path?: string;
}

const recordPath = (i: number, field: string) => `body.batch.records.${i}.${field}`;

/** 400: the records must be `firstSequence`, `firstSequence + 1`, … `lastSequence`, in order. */
export function rangeRefusal(batch: IngestEnvelope['batch']): Refusal | null {
  const { firstSequence: first, lastSequence: last, records } = batch;
  if (last < first)
    return { code: 'PUSH_BAD_REQUEST', detail: '末序号小于首序号', path: 'body.batch.lastSequence' };
  if (records.length !== last - first + 1) {
    return {
      code: 'PUSH_BAD_REQUEST',
      detail: `序号 ${first}–${last} 应有 ${last - first + 1} 条记录，实有 ${records.length} 条`,
      path: 'body.batch.records',
    };
  }
  const at = records.findIndex((r, i) => r.sequence !== first + i);
  if (at >= 0) {
    return {
      code: 'PUSH_BAD_REQUEST',
      detail: `第 ${at + 1} 条记录的序号应为 ${first + at}`,
      path: recordPath(at, 'sequence'),
    };
  }
  return null;
}

export type SequenceJudgement =
  | { readonly outcome: 'gap'; readonly expected: number }
  | { readonly outcome: 'held' }
  | { readonly outcome: 'apply'; readonly from: number };

/**
 * Sequences are dense per agency from 1: with `heldLast` held (0 if none), the next expected is
 * `heldLast + 1`. A batch starting past it leaves a gap (409 with `expected`); a batch ending at or before
 * `heldLast` is wholly held (a retry after a lost answer); otherwise the records from the expected one on
 * are new, and those before it overlap what is held.
 */
export function judgeSequence(heldLast: number, first: number, last: number): SequenceJudgement {
  const expected = heldLast + 1;
  if (first > expected) return { outcome: 'gap', expected };
  if (last < expected) return { outcome: 'held' };
  return { outcome: 'apply', from: expected };
}

/**
 * 422: a record's `contentHash` must be the SHA-256 of its content's canonical JSON, and its content valid
 * under its type's schema (push.schema.ts). Fields added within v1 are allowed (docs/exchange.md).
 * `hashes`: the contents' SHA-256 when the caller has them (push-envelope.ts `pushDigests`), in order.
 */
export function contentRefusal(
  records: readonly IngestRecord[],
  hashes: readonly string[] = records.map((r) => contentHashOf(r.content)),
): Refusal | null {
  for (const [i, record] of records.entries()) {
    if (hashes[i] !== record.contentHash) {
      return {
        code: 'PUSH_CONTENT_MISMATCH',
        detail: `序号 ${record.sequence} 的记录内容与其摘要（contentHash）不符`,
        path: recordPath(i, 'contentHash'),
      };
    }
    const parsed = pushRecords[record.type].safeParse(record.content);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return {
        code: 'PUSH_CONTENT_MISMATCH',
        detail: `序号 ${record.sequence} 的记录不符合 ${record.type} 的格式：${issue.message}`,
        path: [recordPath(i, 'content'), ...issue.path.map(String)].join('.'),
      };
    }
  }
  return null;
}

/** 422: a sequence already held must arrive with the hash it was stored with. */
export function overlapRefusal(
  records: readonly IngestRecord[],
  held: ReadonlyMap<number, string>,
): Refusal | null {
  for (const [i, record] of records.entries()) {
    const stored = held.get(record.sequence);
    if (stored !== undefined && stored !== record.contentHash) {
      return {
        code: 'PUSH_CONTENT_MISMATCH',
        detail: `序号 ${record.sequence} 已接收过另一内容的记录（摘要不同）`,
        path: recordPath(i, 'contentHash'),
      };
    }
  }
  return null;
}

const proofRefusal = (detail: string, path?: string): Refusal => ({
  code: 'PUSH_PROOF_INVALID',
  detail,
  ...(path ? { path } : {}),
});

/** 422: the batch's checkpoint must be signed by the agency's log key, for the agency's log. */
export function openBatchCheckpoint(
  note: string,
  logKeys: readonly NoteVerifier[],
  origin: string,
): Checkpoint | Refusal {
  try {
    return openCheckpoint(note, logKeys, origin).checkpoint;
  } catch (err) {
    return proofRefusal(
      `检查点没有该机关记录日志密钥的有效签名：${(err as Error).message}`,
      'body.proof.checkpoint',
    );
  }
}

/** 422: the checkpoint must be one the witness holds: same origin, size and root. */
export function witnessedRefusal(checkpoint: Checkpoint, heldRoot: string | undefined): Refusal | null {
  if (heldRoot === undefined) {
    return proofRefusal(`平台未见证大小为 ${checkpoint.size} 的检查点`, 'body.proof.checkpoint');
  }
  if (heldRoot !== encodeBase64(checkpoint.root)) {
    return proofRefusal(`检查点（大小 ${checkpoint.size}）的树根与平台见证的不同`, 'body.proof.checkpoint');
  }
  return null;
}

/**
 * 422, for each new record: a checkpoint record's note signed by the agency's log key and saying what the
 * record says; any other record with its entry in `proof.entries` (by sequence), a sanxiang log entry
 * whose `agency` is the registered agency's id, included at `logIndex` in the checkpoint's tree (RFC 9162
 * §2.1.3.2, merkle-verify.ts).
 */
export function recordProofRefusal(
  records: readonly IngestRecord[],
  indexes: readonly number[],
  entries: readonly IngestProofEntry[],
  checkpoint: Checkpoint,
  logKeys: readonly NoteVerifier[],
  origin: string,
  remoteAgencyId: string,
): Refusal | null {
  const bySequence = new Map(entries.map((e, i) => [e.sequence, { e, i }]));
  for (const i of indexes) {
    const record = records[i]!;
    if (record.type === 'checkpoint') {
      const c = record.content as { origin: string; size: number; rootHash: string; note: string };
      let signed: Checkpoint;
      try {
        signed = openCheckpoint(c.note, logKeys, origin).checkpoint;
      } catch (err) {
        return proofRefusal(
          `序号 ${record.sequence} 的检查点没有该机关记录日志密钥的有效签名：${(err as Error).message}`,
          recordPath(i, 'content.note'),
        );
      }
      if (c.origin !== signed.origin || c.size !== signed.size || c.rootHash !== encodeBase64(signed.root)) {
        return proofRefusal(
          `序号 ${record.sequence} 的检查点记录与其签名的检查点不符`,
          recordPath(i, 'content'),
        );
      }
      continue;
    }
    const found = bySequence.get(record.sequence);
    if (!found)
      return proofRefusal(`序号 ${record.sequence} 的记录没有日志条目及其包含证明`, 'body.proof.entries');
    const where = `body.proof.entries.${found.i}`;
    const bytes = decodeBase64(found.e.entry);
    if (bytes === null)
      return proofRefusal(`序号 ${record.sequence} 的日志条目不是 base64`, `${where}.entry`);
    let agency: string | null;
    try {
      agency = parseEntry(bytes).agency;
    } catch (err) {
      return proofRefusal(
        `序号 ${record.sequence} 的日志条目格式不正确：${(err as Error).message}`,
        `${where}.entry`,
      );
    }
    if (agency !== remoteAgencyId) {
      return proofRefusal(`序号 ${record.sequence} 的日志条目不属于该备案机关`, `${where}.entry`);
    }
    const proof = found.e.inclusion.map(decodeBase64);
    if (proof.some((h) => h === null || h.length !== 32)) {
      return proofRefusal(`序号 ${record.sequence} 的包含证明不是 32 字节哈希`, `${where}.inclusion`);
    }
    try {
      verifyInclusion(
        record.logIndex,
        checkpoint.size,
        leafHash(bytes),
        proof as Uint8Array[],
        checkpoint.root,
      );
    } catch (err) {
      return proofRefusal(
        `序号 ${record.sequence} 的记录不在检查点（大小 ${checkpoint.size}）的第 ${record.logIndex} 项：${(err as Error).message}`,
        `${where}.inclusion`,
      );
    }
  }
  return null;
}
