import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkpointRecordOf } from '../../exchange/push-records.ts';
import { contentHashOf } from '../../exchange/push-envelope.ts';
import { signCheckpoint, type Checkpoint } from '../../platform/record-log/checkpoint.ts';
import { encodeEntry, saltedDigests } from '../../platform/record-log/entry.ts';
import { leafHash } from '../../platform/record-log/merkle.ts';
import { generateNoteKeys, parseSignerKey, parseVerifierKey } from '../../platform/record-log/note.ts';
import { inclusionProof, memoryHashReader, treeRoot } from '../../platform/record-log/proofs.ts';
import {
  contentRefusal,
  judgeSequence,
  openBatchCheckpoint,
  overlapRefusal,
  rangeRefusal,
  recordProofRefusal,
  witnessedRefusal,
  type IngestEnvelope,
  type IngestRecord,
} from './ingest.rules.ts';

const ORIGIN = 'agency.example.gov.cn/log';
const AGENCY = randomUUID();
const OTHER = randomUUID();
const logKeys = generateNoteKeys(ORIGIN);
const signer = parseSignerKey(logKeys.signerKey);
const verifiers = [parseVerifierKey(logKeys.verifierKey)];
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Real log entries (entry.ts), half of them the agency's, in a tree built by the project's proof code. */
const entries = Array.from({ length: 7 }, (_, i) =>
  encodeEntry(
    {
      id: randomUUID(),
      kind: 'org.unit_created',
      time: new Date(Date.UTC(2026, 0, 1 + i)),
      agency: i === 3 ? OTHER : AGENCY,
      actor: null,
      via: 'system',
      ip: null,
      subjectType: 'unit',
      subjectId: randomUUID(),
      changes: [],
      fileSha256: null,
    },
    saltedDigests(new Uint8Array(16).fill(i), `record ${i}`),
  ),
);
const reader = memoryHashReader(entries.map(leafHash));

const unit = (i: number) => ({
  id: randomUUID(),
  agencyId: AGENCY,
  name: `第${i}中队`,
  kind: 'brigade',
  active: true,
});
const record = (sequence: number, content: Record<string, unknown>, logIndex = 0): IngestRecord => ({
  sequence,
  type: 'unit',
  contentHash: contentHashOf(content),
  logIndex,
  content,
});
const batchOf = (first: number, records: IngestRecord[]): IngestEnvelope['batch'] => ({
  format: 'sanxiang-push/v1',
  agencyCreditCode: '11430421MB1234567X',
  firstSequence: first,
  lastSequence: first + records.length - 1,
  records,
});

async function checkpointOf(size: number): Promise<{ note: string; checkpoint: Checkpoint }> {
  const checkpoint = { origin: ORIGIN, size, root: await treeRoot(size, reader), extensions: [] };
  return { note: signCheckpoint(checkpoint, [signer]), checkpoint };
}
const proofEntry = async (sequence: number, index: number, size: number) => ({
  sequence,
  entry: b64(entries[index]!),
  inclusion: (await inclusionProof(index, size, reader)).map(b64),
});

describe('the range of a batch (400 PUSH_BAD_REQUEST)', () => {
  it('holds the records firstSequence, firstSequence + 1, …, lastSequence, in order', () => {
    expect(rangeRefusal(batchOf(4, [record(4, unit(1)), record(5, unit(2))]))).toBeNull();
    const skipped = batchOf(4, [record(4, unit(1)), record(6, unit(2))]);
    expect(rangeRefusal(skipped)).toMatchObject({
      code: 'PUSH_BAD_REQUEST',
      path: 'body.batch.records.1.sequence',
    });
    expect(rangeRefusal({ ...batchOf(4, [record(4, unit(1))]), lastSequence: 5 })).toMatchObject({
      path: 'body.batch.records',
    });
    expect(rangeRefusal({ ...batchOf(4, [record(4, unit(1))]), lastSequence: 3 })?.code).toBe(
      'PUSH_BAD_REQUEST',
    );
  });
});

describe('sequences, dense per agency from 1', () => {
  it('applies from the next expected sequence, and tells a gap with the sequence expected', () => {
    expect(judgeSequence(0, 1, 3)).toEqual({ outcome: 'apply', from: 1 });
    expect(judgeSequence(0, 2, 3)).toEqual({ outcome: 'gap', expected: 1 });
    expect(judgeSequence(10, 12, 20)).toEqual({ outcome: 'gap', expected: 11 });
    expect(judgeSequence(10, 11, 20)).toEqual({ outcome: 'apply', from: 11 });
  });

  it('applies only the part past what is held when a batch overlaps it', () => {
    expect(judgeSequence(10, 8, 12)).toEqual({ outcome: 'apply', from: 11 });
  });

  it('holds a batch ending at or before what is held already (a retry after a lost answer)', () => {
    expect(judgeSequence(10, 8, 10)).toEqual({ outcome: 'held' });
    expect(judgeSequence(10, 1, 1)).toEqual({ outcome: 'held' });
  });

  it('refuses a held sequence arriving with another hash, and accepts the same one', () => {
    const r = record(3, unit(1));
    expect(overlapRefusal([r], new Map([[3, r.contentHash]]))).toBeNull();
    expect(overlapRefusal([r], new Map([[3, contentHashOf(unit(2))]]))).toMatchObject({
      code: 'PUSH_CONTENT_MISMATCH',
      path: 'body.batch.records.0.contentHash',
    });
  });
});

describe('contents (422 PUSH_CONTENT_MISMATCH)', () => {
  it('recomputes each contentHash from the canonical JSON', () => {
    const good = record(1, unit(1));
    expect(contentRefusal([good])).toBeNull();
    const changed = { ...good, content: { ...good.content, name: '改过的名称' } };
    expect(contentRefusal([good, { ...changed, sequence: 2 }])).toMatchObject({
      code: 'PUSH_CONTENT_MISMATCH',
      path: 'body.batch.records.1.contentHash',
    });
  });

  it("checks the content under its type's schema, and allows fields added within v1", () => {
    const bad = { ...unit(1), kind: 'no-such-kind' };
    expect(contentRefusal([record(1, bad)])).toMatchObject({
      code: 'PUSH_CONTENT_MISMATCH',
      path: 'body.batch.records.0.content.kind',
    });
    expect(contentRefusal([record(1, { ...unit(1), addedLater: 'x' })])).toBeNull();
  });
});

describe('proofs (422 PUSH_PROOF_INVALID)', () => {
  it('needs a checkpoint signed by the log key of that origin, and witnessed with the same root', async () => {
    const { note, checkpoint } = await checkpointOf(7);
    expect(openBatchCheckpoint(note, verifiers, ORIGIN)).toMatchObject({ size: 7 });
    const stranger = [parseVerifierKey(generateNoteKeys(ORIGIN).verifierKey)];
    expect(openBatchCheckpoint(note, stranger, ORIGIN)).toMatchObject({ code: 'PUSH_PROOF_INVALID' });
    expect(openBatchCheckpoint(note, verifiers, 'other.example/log')).toMatchObject({
      code: 'PUSH_PROOF_INVALID',
    });
    expect(witnessedRefusal(checkpoint, b64(checkpoint.root))).toBeNull();
    expect(witnessedRefusal(checkpoint, undefined)?.detail).toMatch(/未见证/);
    expect(witnessedRefusal(checkpoint, b64(new Uint8Array(32)))?.detail).toMatch(/树根/);
  });

  it("verifies each new record's entry and RFC 6962 inclusion proof in the checkpoint's tree", async () => {
    const { checkpoint } = await checkpointOf(7);
    const records = [record(1, unit(1), 2), record(2, unit(2), 5)];
    const proofs = [await proofEntry(1, 2, 7), await proofEntry(2, 5, 7)];
    const judge = (r = records, p = proofs, indexes = [0, 1]) =>
      recordProofRefusal(r, indexes, p, checkpoint, verifiers, ORIGIN, AGENCY);
    expect(judge()).toBeNull();
    // Only the new records are proven: an overlap held already needs no entry.
    expect(judge(records, [proofs[1]!], [1])).toBeNull();
    expect(judge(records, [proofs[1]!])?.detail).toMatch(/没有日志条目/);
    // The entry at another index than the record claims.
    expect(judge([records[0]!, { ...records[1]!, logIndex: 4 }])?.path).toBe(
      'body.proof.entries.1.inclusion',
    );
    // A proof hash changed.
    const broken = { ...proofs[1]!, inclusion: [b64(new Uint8Array(32)), ...proofs[1]!.inclusion.slice(1)] };
    expect(judge(records, [proofs[0]!, broken])?.code).toBe('PUSH_PROOF_INVALID');
    // Entry 3 is another agency's: a real entry, proven, but not this agency's.
    const foreign = [record(1, unit(1), 3)];
    expect(judge(foreign, [await proofEntry(1, 3, 7)], [0])?.detail).toMatch(/不属于该备案机关/);
    // Bytes that are no sanxiang log entry.
    const junk = { sequence: 1, entry: b64(new TextEncoder().encode('{"x":1}')), inclusion: [] };
    expect(judge([records[0]!], [junk], [0])?.path).toBe('body.proof.entries.0.entry');
  });

  it('takes a checkpoint record on its own signature by the log key, which must say what the record says', async () => {
    const { checkpoint, note } = await checkpointOf(5);
    const content = checkpointRecordOf(note);
    const cp = { ...record(1, content), type: 'checkpoint' as const };
    const judge = (r: IngestRecord) =>
      recordProofRefusal([r], [0], [], checkpoint, verifiers, ORIGIN, AGENCY);
    expect(judge(cp)).toBeNull();
    const forged = signCheckpoint({ origin: ORIGIN, size: 5, root: checkpoint.root, extensions: [] }, [
      parseSignerKey(generateNoteKeys(ORIGIN).signerKey),
    ]);
    expect(judge({ ...cp, content: { ...content, note: forged } })?.path).toBe(
      'body.batch.records.0.content.note',
    );
    expect(judge({ ...cp, content: { ...content, size: 6 } })?.detail).toMatch(/不符/);
  });
});
