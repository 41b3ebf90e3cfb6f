import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../platform/record-log/entry.ts';
import { leafHash, nodeHash } from '../../platform/record-log/merkle.ts';
import { checkOf, formatVerificationCode } from '../../platform/record-log/verification-code.ts';
import { checkAgencyProof } from './county-verify.rules.ts';

/**
 * The county checks an agency's proof against the root its own witness holds (RFC 9162 §2.1.3.2), not the
 * root the agency offers: a two-leaf log, its entries as the record log writes them (canonical JSON).
 */
const AGENCY = '7b0c3a64-3f0e-4b7e-9d55-3c1f0c9b2a10';
const entryText = (kind: string, agency: string | null) =>
  canonicalJson({
    kind,
    time: '2026-11-27T02:00:00.000Z',
    agency,
    actor: null,
    subject: { type: 'publication', id: null },
    sha256: 'a'.repeat(64),
    sm3: 'b'.repeat(64),
  });
const enc = (t: string) => new TextEncoder().encode(t);
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

const first = entryText('publication.published', AGENCY);
const second = entryText('case.opened', 'f1d2a3b4-0000-4000-8000-000000000000');
const leaves = [leafHash(enc(first)), leafHash(enc(second))];
const witnessed = { size: 2, rootHash: b64(nodeHash(leaves[0]!, leaves[1]!)) };
const proofOfFirst = { index: 0, size: 2, entry: first, proof: [b64(leaves[1]!)] };

describe('checking an agency’s inclusion proof against the witnessed root', () => {
  it('verifies an entry of the agency in the tree the witness cosigned, and gives its code', () => {
    const out = checkAgencyProof(witnessed, proofOfFirst, { check: checkOf(leaves[0]!) }, AGENCY);
    expect(out).toMatchObject({ status: 'verified', code: formatVerificationCode(0, leaves[0]!) });
  });

  it('fails when the proof leads to another root than the witnessed one (a rewritten log)', () => {
    const rewritten = { ...witnessed, rootHash: b64(nodeHash(leaves[1]!, leaves[0]!)) };
    const out = checkAgencyProof(rewritten, proofOfFirst, { check: checkOf(leaves[0]!) }, AGENCY);
    expect(out).toEqual({
      status: 'failed',
      message: '包含证明与平台见证的检查点（2 条）不符：该机关的记录日志可能已被改写',
    });
  });

  it('fails for a proof in another tree size, or an entry that does not match the code', () => {
    expect(
      checkAgencyProof(witnessed, { ...proofOfFirst, size: 3 }, { check: checkOf(leaves[0]!) }, AGENCY),
    ).toEqual({
      status: 'failed',
      message: '机关返回的证明针对 3 条的树，而平台见证的是 2 条',
    });
    expect(checkAgencyProof(witnessed, proofOfFirst, { check: checkOf(leaves[1]!) }, AGENCY).status).toBe(
      'failed',
    );
    expect(
      checkAgencyProof(
        witnessed,
        { ...proofOfFirst, proof: ['not base64'] },
        { check: checkOf(leaves[0]!) },
        AGENCY,
      ),
    ).toEqual({ status: 'failed', message: '机关返回的证明格式不正确' });
  });

  it('does not count an entry of another agency on the same log as this agency’s', () => {
    const proofOfSecond = { index: 1, size: 2, entry: second, proof: [b64(leaves[0]!)] };
    expect(checkAgencyProof(witnessed, proofOfSecond, { check: checkOf(leaves[1]!) }, AGENCY).status).toBe(
      'other-agency',
    );
  });
});
