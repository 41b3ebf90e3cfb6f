import { decodeBase64 } from '../../platform/record-log/bytes.ts';
import { parseEntry, type LogEntry } from '../../platform/record-log/entry.ts';
import { leafHash, verifyInclusion } from '../../platform/record-log/merkle.ts';
import { checkOf, formatVerificationCode } from '../../platform/record-log/verification-code.ts';

/**
 * Checking an agency's answer against what the county's witness holds (issue 14 item 4; docs/county.md
 * "The county portal"). The agency serves the entry and its inclusion proof; the root it must lead to is
 * not the agency's but the one of the checkpoint the county's witness cosigned for that log (0026), so an
 * agency that rewrote its log since cannot make an entry verify. RFC 9162 §2.1.3.2 (merkle-verify.ts, the
 * same verifier the agency's own verify page runs). Pure.
 */
export interface Witnessed {
  size: number;
  /** base64 of the 32-byte root. */
  rootHash: string;
}

export interface AgencyProof {
  index: number;
  size: number;
  /** The entry as served by /log/proof/inclusion: its bytes as UTF-8 text (canonical JSON). */
  entry: string;
  /** base64 hashes. */
  proof: readonly string[];
}

export type Expectation = { check: string } | { fileSha256: string };

export type ProofOutcome =
  | { status: 'verified'; code: string; leafHash: string; entry: LogEntry }
  | { status: 'failed'; message: string }
  | { status: 'other-agency'; message: string };

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function checkAgencyProof(
  witnessed: Witnessed,
  answer: AgencyProof,
  expect: Expectation,
  remoteAgencyId: string,
): ProofOutcome {
  if (answer.size !== witnessed.size)
    return {
      status: 'failed',
      message: `机关返回的证明针对 ${answer.size} 条的树，而平台见证的是 ${witnessed.size} 条`,
    };
  const bytes = new TextEncoder().encode(answer.entry);
  const root = decodeBase64(witnessed.rootHash);
  const hashes = answer.proof.map(decodeBase64);
  if (!root || hashes.some((h) => h === null))
    return { status: 'failed', message: '机关返回的证明格式不正确' };
  const leaf = leafHash(bytes);
  let entry: LogEntry;
  try {
    entry = parseEntry(bytes);
  } catch {
    return { status: 'failed', message: '机关返回的日志条目格式不正确' };
  }
  const matches = 'check' in expect ? checkOf(leaf) === expect.check : entry.fileSha256 === expect.fileSha256;
  if (!matches) return { status: 'failed', message: '机关返回的日志条目与核验码或文件不符' };
  try {
    verifyInclusion(answer.index, witnessed.size, leaf, hashes as Uint8Array[], root);
  } catch {
    return {
      status: 'failed',
      message: `包含证明与平台见证的检查点（${witnessed.size} 条）不符：该机关的记录日志可能已被改写`,
    };
  }
  if (entry.agency !== null && entry.agency !== remoteAgencyId)
    return { status: 'other-agency', message: '该条目由同一日志中的另一机关记录' };
  return { status: 'verified', code: formatVerificationCode(answer.index, leaf), leafHash: b64(leaf), entry };
}
