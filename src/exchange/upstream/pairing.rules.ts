import { cosignerVerifierKey, COSIGNATURE_V1_TYPE } from '../../county/witness/cosigner-key.ts';
import { decodeBase64 } from '../../platform/record-log/bytes.ts';
import { isValidKeyName, parseVerifierKey } from '../../platform/record-log/note.ts';

/**
 * What a pairing with the county platform must hold (docs/county-push.md "Pairing" step 3): the platform's
 * base URL, its witness key (C2SP tlog-cosignature vkey, type 0x04: it checks the cosignatures of our
 * checkpoints) and its receipt key (C2SP signed-note vkey, type 0x01: it checks its receipts). Pure.
 */

/** The platform's base URL without a trailing slash, or the problem with it. */
export function upstreamUrlOf(text: string): { url: string } | { problem: string } {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    return { problem: '平台地址不是有效的网址' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return { problem: '平台地址须以 https:// 或 http:// 开头' };
  if (u.search || u.hash || u.username || u.password)
    return { problem: '平台地址不能带查询参数、片段或账号' };
  const url = u.toString().replace(/\/+$/, '');
  if (url.length > 500) return { problem: '平台地址过长（最多 500 个字符）' };
  return { url };
}

/** A cosigner verifier key `<name>+<key ID>+base64(0x04 || key)` whose key ID matches, or the problem. */
export function witnessKeyProblem(vkey: string): string | null {
  const [name = '', id = ''] = vkey.split('+', 2);
  const key = decodeBase64(vkey.slice(name.length + id.length + 2));
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(id) || key === null) return '见证公钥格式不正确';
  if (key[0] !== COSIGNATURE_V1_TYPE || key.length !== 33)
    return '见证公钥不是 cosignature/v1（Ed25519，类型 0x04）公钥';
  if (cosignerVerifierKey(name, key.subarray(1)) !== vkey) return '见证公钥的密钥编号与公钥不符';
  return null;
}

/** A signed-note verifier key (Ed25519, type 0x01), or the problem. */
export function receiptKeyProblem(vkey: string): string | null {
  try {
    parseVerifierKey(vkey);
    return null;
  } catch {
    return '回执公钥不是有效的 Ed25519 签名公钥（C2SP signed-note vkey）';
  }
}
