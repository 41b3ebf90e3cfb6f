import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { generateNoteKeys, parseSignerKey, parseVerifierKey } from '../platform/record-log/note.ts';
import {
  contentHashOf,
  openPush,
  openReceipt,
  pushBodySha256,
  pushDigests,
  pushNoteText,
  PushSignatureError,
  signPush,
  signReceipt,
  subjectIdOf,
  type PushBatch,
  type PushProof,
} from './push-envelope.ts';
import { pushEnvelope, pushReceipt } from './push.schema.ts';

const agencyKeys = generateNoteKeys('hyx.example.gov.cn/push');
const otherKeys = generateNoteKeys('hyx.example.gov.cn/push');
const platformKeys = generateNoteKeys('county.hyx.example.gov.cn/receipt');

const checkpoint = {
  origin: 'hyx.example.gov.cn/log',
  size: 8,
  rootHash: 'LFbRRibQmFuXvK7/KdNyMv56HGnmUFW6E9ThLArTTPc=',
  note: 'hyx.example.gov.cn/log\n8\nLFbRRibQmFuXvK7/KdNyMv56HGnmUFW6E9ThLArTTPc=\n\n— x AAAA\n',
};
const batch: PushBatch = {
  format: 'sanxiang-push/v1',
  agencyCreditCode: '11430421MB1234567X',
  firstSequence: 1,
  lastSequence: 1,
  records: [
    {
      sequence: 1,
      type: 'checkpoint',
      contentHash: contentHashOf(checkpoint),
      logIndex: 7,
      content: checkpoint,
    },
  ],
};
const proof: PushProof = { checkpoint: checkpoint.note, entries: [] };

describe('the push note (docs/county-push.md)', () => {
  it('signs the credit code, the range and the SHA-256 of the canonical {batch, proof}', () => {
    const envelope = signPush(batch, proof, [parseSignerKey(agencyKeys.signerKey)]);
    expect(pushEnvelope.parse(envelope)).toEqual(envelope);
    expect(envelope.signature.startsWith(pushNoteText(batch, pushBodySha256(batch, proof)))).toBe(true);
    expect(pushNoteText(batch, 'ab')).toBe('sanxiang-push/v1\n11430421MB1234567X\n1 1\nab\n');
    expect(openPush(envelope, [parseVerifierKey(agencyKeys.verifierKey)])).toBe(pushBodySha256(batch, proof));
  });

  it('is refused under a key not registered for the agency', () => {
    const envelope = signPush(batch, proof, [parseSignerKey(otherKeys.signerKey)]);
    expect(() => openPush(envelope, [parseVerifierKey(agencyKeys.verifierKey)])).toThrow(PushSignatureError);
  });

  it('is refused when a record is changed after signing', () => {
    const envelope = signPush(batch, proof, [parseSignerKey(agencyKeys.signerKey)]);
    const changed = { ...envelope, batch: { ...batch, records: [{ ...batch.records[0]!, logIndex: 6 }] } };
    expect(() => openPush(changed, [parseVerifierKey(agencyKeys.verifierKey)])).toThrow('与批次内容不符');
  });

  it('hashes the body as the SHA-256 of the canonical {batch, proof}, each content canonicalised once', () => {
    const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    const tricky = {
      ...checkpoint,
      note: 'a "content":null and "records":[] inside a string, 是, \u0000 \\ sanxiang-splice-',
    };
    // Fields added within v1, on the batch, a record (sorting before and after `content`) and the proof.
    const loose = {
      ...batch,
      aNewField: { records: null, content: null },
      records: [
        { ...batch.records[0]!, aField: { content: null }, zField: [1, 2.5, -0, 1e21] },
        { ...batch.records[0]!, sequence: 2, content: tricky, contentHash: contentHashOf(tricky) },
      ],
    } as unknown as PushBatch;
    const looseProof = { ...proof, extra: 'x' } as unknown as PushProof;
    const digests = pushDigests(loose, looseProof);
    expect(digests.bodySha256).toBe(sha256(canonicalize({ batch: loose, proof: looseProof })!));
    expect(digests.contentHashes).toEqual([contentHashOf(checkpoint), contentHashOf(tricky)]);
    expect(digests.contents.map((c) => JSON.parse(c) as unknown)).toEqual([checkpoint, tricky]);
    expect(pushBodySha256(batch, proof)).toBe(sha256(canonicalize({ batch, proof })!));
  });

  it('hashes content as RFC 8785: key order does not matter', () => {
    expect(contentHashOf({ b: 1, a: '是' })).toBe(contentHashOf({ a: '是', b: 1 }));
    expect(contentHashOf({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the receipt', () => {
  const fields = {
    agencyCreditCode: batch.agencyCreditCode,
    firstSequence: 1,
    lastSequence: 1,
    bodySha256: pushBodySha256(batch, proof),
    receivedAt: '2026-12-04T08:00:00.000Z',
  };
  const receipt = signReceipt(fields, [parseSignerKey(platformKeys.signerKey)]);

  it('is opened with the platform key for the batch it acknowledges', () => {
    expect(pushReceipt.parse(receipt)).toEqual(receipt);
    expect(() => openReceipt(receipt, [parseVerifierKey(platformKeys.verifierKey)], fields)).not.toThrow();
  });

  it('for another range, or with a field changed, is refused', () => {
    const verifiers = [parseVerifierKey(platformKeys.verifierKey)];
    expect(() => openReceipt(receipt, verifiers, { ...fields, lastSequence: 2 })).toThrow('lastSequence');
    expect(() =>
      openReceipt({ ...receipt, receivedAt: '2026-12-05T00:00:00.000Z' }, verifiers, fields),
    ).toThrow('与回执内容不符');
    expect(() => openReceipt(receipt, [parseVerifierKey(agencyKeys.verifierKey)], fields)).toThrow(
      PushSignatureError,
    );
  });
});

describe('the subject of a record', () => {
  it('is the item for a power-list version, the publication for a withdrawal, the case for an inspection', () => {
    expect(subjectIdOf('power_list_version', { id: 'v', itemId: 'i' })).toBe('i');
    expect(subjectIdOf('publication_withdrawal', { publicationId: 'p' })).toBe('p');
    expect(subjectIdOf('inspection_result', { caseId: 'c' })).toBe('c');
    expect(subjectIdOf('case_summary', { id: 'c' })).toBe('c');
    expect(subjectIdOf('checkpoint', {})).toBeNull();
  });
});
