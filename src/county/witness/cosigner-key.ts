import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { decodeBase64, encodeBase64 } from '../../platform/record-log/bytes.ts';
import { isValidKeyName, keyId } from '../../platform/record-log/note.ts';

/**
 * The witness's Ed25519 cosigner key (C2SP tlog-cosignature "Format"). Its key ID is computed with the
 * cosignature signature type 0x04, not the plain note type 0x01:
 *
 *     key ID = SHA-256(<name> || "\n" || 0x04 || 32-byte Ed25519 public key)[:4]
 *
 * and its verifier key is a C2SP signed-note vkey with that type: `<name>+<key ID hex>+base64(0x04 || key)`.
 * The signer key string has the same shape as the log's (`PRIVATE+KEY+<name>+<key ID>+base64(0x04 || seed)`).
 */
export const COSIGNATURE_V1_TYPE = 0x04;

const SIGNER_KEY_PREFIX = 'PRIVATE+KEY+';
// DER wrappers for raw Ed25519 keys (RFC 8410): SubjectPublicKeyInfo and PKCS #8 PrivateKeyInfo.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface CosignerKey {
  readonly name: string;
  readonly keyId: number;
  /** The 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** `<name>+<key ID hex>+base64(0x04 || public key)` (C2SP signed-note "Verifier keys"). */
  readonly verifierKey: string;
  sign(message: Uint8Array): Uint8Array;
}

const hex8 = (id: number): string => id.toString(16).padStart(8, '0');

/** tlog-cosignature: the Ed25519 cosigner key ID. */
export function cosignerKeyId(name: string, publicKey: Uint8Array): number {
  return keyId(name, Uint8Array.of(COSIGNATURE_V1_TYPE, ...publicKey));
}

export function cosignerVerifierKey(name: string, publicKey: Uint8Array): string {
  return `${name}+${hex8(cosignerKeyId(name, publicKey))}+${encodeBase64(Uint8Array.of(COSIGNATURE_V1_TYPE, ...publicKey))}`;
}

/** A new cosigner key as its signer key string (secret). */
export function generateCosignerKey(name: string): string {
  if (!isValidKeyName(name)) throw new Error(`invalid witness name ${JSON.stringify(name)}`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ type: 'pkcs8', format: 'der' }).subarray(PKCS8_PREFIX.length);
  const raw = publicKey.export({ type: 'spki', format: 'der' }).subarray(SPKI_PREFIX.length);
  const id = hex8(cosignerKeyId(name, new Uint8Array(raw)));
  return `${SIGNER_KEY_PREFIX}${name}+${id}+${encodeBase64(Uint8Array.of(COSIGNATURE_V1_TYPE, ...seed))}`;
}

/** Opens a signer key string made by `generateCosignerKey`; throws on anything else. */
export function parseCosignerKey(text: string): CosignerKey {
  const body = text.trim();
  if (!body.startsWith(SIGNER_KEY_PREFIX)) throw new Error('not a witness signer key');
  const rest = body.slice(SIGNER_KEY_PREFIX.length);
  const [name = '', id = ''] = rest.split('+', 2);
  const typed = decodeBase64(rest.slice(name.length + id.length + 2));
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(id) || typed === null || typed.length !== 33) {
    throw new Error('malformed witness signer key');
  }
  if (typed[0] !== COSIGNATURE_V1_TYPE) throw new Error('not a cosignature/v1 (type 0x04) key');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, typed.subarray(1)]),
    format: 'der',
    type: 'pkcs8',
  });
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const publicKey = new Uint8Array(der.subarray(SPKI_PREFIX.length));
  const computed = cosignerKeyId(name, publicKey);
  if (hex8(computed) !== id) throw new Error(`witness key ID ${id} does not match key ${name}`);
  return {
    name,
    keyId: computed,
    publicKey,
    verifierKey: cosignerVerifierKey(name, publicKey),
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}
