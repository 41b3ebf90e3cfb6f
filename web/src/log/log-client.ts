import {
  HASH_SIZE,
  leafHashAsync,
  verifyInclusionAsync,
} from '../../../src/platform/record-log/merkle-verify.ts';
import { formatVerificationCode } from '../../../src/platform/record-log/verification-code.ts';

/**
 * The browser's own check of the record log, shared by the workbench (✓ 已核验 beside each event) and the
 * public verification page: fetch the signed checkpoint and an inclusion proof, recompute the leaf hash
 * from the entry bytes and the root from the proof (merkle-verify.ts — the same code the server runs),
 * and compare with the checkpoint's root. The Ed25519 signature of the checkpoint is checked too when the
 * browser's WebCrypto knows Ed25519 and the log publishes its key at /log/key.
 */

export interface SignedCheckpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  /** The whole signed note, as served. */
  note: string;
}

/** Public entry fields (see src/platform/record-log/entry.ts). */
export interface PublicEntry {
  kind: string;
  time: string;
  agency: string | null;
  actor: string | null;
  subject: { type: string; id: string | null };
  sha256: string;
  sm3: string;
  fileSha256?: string;
}

export interface VerifiedEntry {
  index: number;
  size: number;
  entry: PublicEntry;
  code: string;
  signature: 'valid' | 'unchecked';
}

export class LogVerificationError extends Error {
  override readonly name = 'LogVerificationError';
}

export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** C2SP signed-note: the text, a blank line, then signature lines. Here only the checkpoint body is read. */
export function parseSignedCheckpoint(note: string): SignedCheckpoint {
  const end = note.indexOf('\n\n');
  if (end < 0) throw new LogVerificationError('检查点格式不正确');
  const [origin = '', size = '', root = ''] = note.slice(0, end).split('\n');
  const rootHash = decodeBase64(root);
  if (!/^(0|[1-9][0-9]*)$/.test(size) || rootHash.length !== HASH_SIZE || !origin) {
    throw new LogVerificationError('检查点格式不正确');
  }
  return { origin, size: Number(size), root: rootHash, note };
}

async function getOk(url: string): Promise<Response> {
  const response = await fetch(url, { headers: { accept: 'application/json, text/plain' } });
  if (!response.ok) throw new LogVerificationError(`无法取得 ${url}（${response.status}）`);
  return response;
}

let latest: Promise<SignedCheckpoint> | null = null;

/** The latest signed checkpoint; fetched once per page unless `fresh`. */
export function latestCheckpoint(fresh = false): Promise<SignedCheckpoint> {
  if (!latest || fresh) {
    latest = getOk('/log/checkpoint').then(async (r) => parseSignedCheckpoint(await r.text()));
    latest.catch(() => {
      latest = null;
    });
  }
  return latest;
}

/** Checks the checkpoint's Ed25519 signature against the keys at /log/key, where the browser can. */
export async function checkpointSignature(checkpoint: SignedCheckpoint): Promise<'valid' | 'unchecked'> {
  try {
    const keys = (await (await fetch('/log/key')).text()).split('\n').filter(Boolean);
    const end = checkpoint.note.indexOf('\n\n');
    const text = new TextEncoder().encode(checkpoint.note.slice(0, end + 1));
    const lines = checkpoint.note
      .slice(end + 2)
      .split('\n')
      .filter(Boolean);
    for (const key of keys) {
      const [name, , keyB64 = ''] = key.split('+');
      const typed = decodeBase64(keyB64);
      if (typed[0] !== 0x01 || typed.length !== 33) continue;
      const publicKey = await crypto.subtle.importKey('raw', typed.slice(1), { name: 'Ed25519' }, false, [
        'verify',
      ]);
      for (const line of lines) {
        const prefix = `\u2014 ${name} `;
        if (!line.startsWith(prefix)) continue;
        const signed = decodeBase64(line.slice(prefix.length));
        const ok = await crypto.subtle.verify('Ed25519', publicKey, signed.slice(4), text);
        if (ok) return 'valid';
        throw new LogVerificationError('检查点签名无效');
      }
    }
  } catch (err) {
    if (err instanceof LogVerificationError) throw err;
    // no key published, or no Ed25519 in this browser's WebCrypto: the proof check still stands
  }
  return 'unchecked';
}

interface InclusionAnswer {
  index: number;
  size: number;
  entry: string;
  proof: string[];
}

/** Fetches and checks the inclusion proof of entry `index` against the latest signed checkpoint. */
export async function verifyEntry(
  index: number,
  options: { signature?: boolean } = {},
): Promise<VerifiedEntry> {
  const checkpoint = await latestCheckpoint();
  if (index >= checkpoint.size) throw new LogVerificationError('该条目尚未进入已签名的检查点');
  const answer = (await (
    await getOk(`/log/proof/inclusion?index=${index}&size=${checkpoint.size}`)
  ).json()) as InclusionAnswer;
  const bytes = new TextEncoder().encode(answer.entry);
  const leaf = await leafHashAsync(bytes);
  try {
    await verifyInclusionAsync(index, checkpoint.size, leaf, answer.proof.map(decodeBase64), checkpoint.root);
  } catch {
    throw new LogVerificationError('包含证明与签名检查点的树根不符');
  }
  const signature = options.signature ? await checkpointSignature(checkpoint) : 'unchecked';
  return {
    index,
    size: checkpoint.size,
    entry: JSON.parse(answer.entry) as PublicEntry,
    code: formatVerificationCode(index, leaf),
    signature,
  };
}
