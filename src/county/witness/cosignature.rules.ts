import { createPublicKey, verify } from 'node:crypto';
import { decodeBase64 } from '../../platform/record-log/bytes.ts';
import { isValidKeyName } from '../../platform/record-log/note.ts';
import { COSIGNATURE_V1_TYPE, cosignerKeyId } from './cosigner-key.ts';
import { cosignedMessage } from './witness.rules.ts';

/**
 * Checking a witness's cosignature (C2SP tlog-cosignature `cosignature/v1`, Ed25519): what the agency does
 * with the line its witness returns before it keeps it, what `/log/checkpoint` appends, and what `sanxiang
 * verify --witness-key` checks. Pure.
 *
 *     — <name> base64(key ID [4] || time u64 big-endian [8] || Ed25519 signature [64])
 *
 * The key ID is SHA-256(<name> || "\n" || 0x04 || public key)[:4]; the signature is over
 * `cosignature/v1\ntime <time>\n` followed by the checkpoint's note body (witness.rules.ts).
 */
export interface CosignerVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Uint8Array;
}

export interface Cosignature {
  readonly name: string;
  readonly keyId: number;
  /** POSIX seconds (tlog-cosignature: when the witness cosigned; never 0). */
  readonly time: number;
  readonly signature: Uint8Array;
}

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** tlog-cosignature "Format": 4-byte key ID, 8-byte time, 64-byte Ed25519 signature. */
const COSIGNATURE_BYTES = 76;

export class CosignatureError extends Error {
  override name = 'CosignatureError';
}

/** A witness verifier key `<name>+<key ID hex>+base64(0x04 || public key)` (as served at `/witness/key`). */
export function parseCosignerVerifierKey(vkey: string): CosignerVerifier {
  const text = vkey.trim();
  const [name = '', id = ''] = text.split('+', 2);
  const typed = decodeBase64(text.slice(name.length + id.length + 2));
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/i.test(id) || typed === null || typed.length !== 33) {
    throw new CosignatureError('见证公钥格式不正确');
  }
  if (typed[0] !== COSIGNATURE_V1_TYPE) throw new CosignatureError('见证公钥不是 cosignature/v1（0x04）类型');
  const publicKey = typed.subarray(1);
  const keyId = Number.parseInt(id, 16);
  if (cosignerKeyId(name, publicKey) !== keyId) throw new CosignatureError('见证公钥的密钥编号与公钥不符');
  return { name, keyId, publicKey };
}

/** Reads one signature line (with or without its final newline) as a cosignature; throws if it is not one. */
export function parseCosignatureLine(line: string): Cosignature {
  const body = line.endsWith('\n') ? line.slice(0, -1) : line;
  const match = /^\u2014 (\S+) (\S+)$/u.exec(body);
  const bytes = match && decodeBase64(match[2]!);
  if (!match || !isValidKeyName(match[1]!) || !bytes || bytes.length !== COSIGNATURE_BYTES) {
    throw new CosignatureError('不是 cosignature/v1 联署签名行');
  }
  const view = Buffer.from(bytes);
  const time = view.readBigUInt64BE(4);
  if (time === 0n || time > BigInt(Number.MAX_SAFE_INTEGER)) throw new CosignatureError('联署签名的时间无效');
  return { name: match[1]!, keyId: view.readUInt32BE(0), time: Number(time), signature: bytes.subarray(12) };
}

/**
 * Checks that `line` is a cosignature by `key` of the checkpoint whose note body is `checkpointText` (the
 * note's text up to and including the blank line's first newline, without signatures). Returns it.
 */
export function verifyCosignature(line: string, key: CosignerVerifier, checkpointText: string): Cosignature {
  const cosignature = parseCosignatureLine(line);
  if (cosignature.name !== key.name || cosignature.keyId !== key.keyId) {
    throw new CosignatureError(`联署签名不是见证方 ${key.name} 的密钥所签`);
  }
  const publicKey = createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, key.publicKey]),
    format: 'der',
    type: 'spki',
  });
  if (!verify(null, cosignedMessage(checkpointText, cosignature.time), publicKey, cosignature.signature)) {
    throw new CosignatureError(`见证方 ${key.name} 的联署签名验证失败`);
  }
  return cosignature;
}

/** The note body of a signed note (its text with the final newline, without the signature block). */
export function noteBody(note: string): string {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new CosignatureError('签名的检查点没有签名块');
  return note.slice(0, split + 1);
}

/**
 * C2SP tlog-cosignature: a cosignature is "a note signature line", so the cosigned checkpoint is the log's
 * note with the witnesses' lines appended after its own signatures.
 */
export function withCosignatures(note: string, lines: readonly string[]): string {
  return note + lines.map((line) => (line.endsWith('\n') ? line : `${line}\n`)).join('');
}
