import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { decodeBase64, encodeBase64, hasControlCharacter } from './bytes.ts';
import { RecordLogError } from './errors.ts';

/**
 * C2SP signed-note with Ed25519 keys, compatible with golang.org/x/mod/sumdb/note: a text ending in a
 * newline, a blank line, then one line per signature `— <key name> base64(key ID || signature)`.
 * Key strings: verifier `<name>+<key ID hex>+base64(0x01 || public key)`, signer
 * `PRIVATE+KEY+<name>+<key ID hex>+base64(0x01 || seed)`.
 */

/** C2SP signed-note "Signature types": 0x01 is Ed25519. */
export const ED25519_SIGNATURE_TYPE = 0x01;
/** golang.org/x/mod/sumdb/note rejects notes with more than 100 signatures; C2SP requires at least 16. */
export const MAX_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 '; // em dash, space
const SIGNER_KEY_PREFIX = 'PRIVATE+KEY+';
// DER wrappers for raw Ed25519 keys (RFC 8410): SubjectPublicKeyInfo and PKCS #8 PrivateKeyInfo.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(message: Uint8Array): Uint8Array;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly base64: string;
}

/** An opened note: its text (with the final newline), the signatures checked, and those from unknown keys. */
export interface OpenedNote {
  readonly text: string;
  readonly signatures: NoteSignature[];
  readonly unverified: NoteSignature[];
}

/** C2SP signed-note: key names are non-empty, with no Unicode spaces and no `+` (nor control characters). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+\p{Cc}\p{Cs}]/u.test(name);
}

/** C2SP signed-note key ID: SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian. */
export function keyId(name: string, typedPublicKey: Uint8Array): number {
  const sum = createHash('sha256').update(name).update('\n').update(typedPublicKey).digest();
  return sum.readUInt32BE(0);
}

const hex8 = (id: number): string => id.toString(16).padStart(8, '0');

function rawPublicKey(key: KeyObject): Uint8Array {
  const der = key.export({ type: 'spki', format: 'der' });
  if (key.asymmetricKeyType !== 'ed25519' || der.length !== SPKI_PREFIX.length + 32) {
    throw new RecordLogError('UNKNOWN_ALGORITHM', 'only Ed25519 keys are supported');
  }
  return new Uint8Array(der.subarray(SPKI_PREFIX.length));
}

/** The verifier key string for an Ed25519 public key (a KeyObject or its raw 32 bytes). */
export function verifierKey(name: string, publicKey: KeyObject | Uint8Array): string {
  if (!isValidKeyName(name))
    throw new RecordLogError('MALFORMED_KEY', `invalid key name ${JSON.stringify(name)}`);
  const raw = publicKey instanceof Uint8Array ? publicKey : rawPublicKey(publicKey);
  if (raw.length !== 32) throw new RecordLogError('MALFORMED_KEY', 'an Ed25519 public key is 32 bytes');
  const typed = Uint8Array.of(ED25519_SIGNATURE_TYPE, ...raw);
  return `${name}+${hex8(keyId(name, typed))}+${encodeBase64(typed)}`;
}

/** A new Ed25519 key pair as signer (secret) and verifier (public) key strings. */
export function generateNoteKeys(name: string): { signerKey: string; verifierKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ type: 'pkcs8', format: 'der' }).subarray(PKCS8_PREFIX.length);
  const vkey = verifierKey(name, publicKey);
  const id = vkey.slice(name.length + 1, name.length + 9); // <name>+<key ID>+…, name has no '+'
  return {
    signerKey: `${SIGNER_KEY_PREFIX}${name}+${id}+${encodeBase64(Uint8Array.of(ED25519_SIGNATURE_TYPE, ...seed))}`,
    verifierKey: vkey,
  };
}

/** Splits `name+keyid+base64` (base64 may itself contain `+`); checks the parts' shapes. */
function parseKeyString(text: string): { name: string; id: number; key: Uint8Array } {
  const [name = '', id = ''] = text.split('+', 2);
  const key = decodeBase64(text.slice(name.length + id.length + 2));
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(id) || key === null || key.length < 1) {
    throw new RecordLogError('MALFORMED_KEY', 'malformed note key');
  }
  if (key[0] !== ED25519_SIGNATURE_TYPE)
    throw new RecordLogError('UNKNOWN_ALGORITHM', 'only Ed25519 note keys');
  if (key.length !== 33) throw new RecordLogError('MALFORMED_KEY', 'an Ed25519 note key is 32 bytes');
  return { name, id: Number.parseInt(id, 16), key: key.subarray(1) };
}

function checkKeyId(name: string, id: number, publicKey: Uint8Array): void {
  if (keyId(name, Uint8Array.of(ED25519_SIGNATURE_TYPE, ...publicKey)) !== id) {
    throw new RecordLogError('KEY_HASH_MISMATCH', `key ID ${hex8(id)} does not match key ${name}`);
  }
}

export function parseVerifierKey(vkey: string): NoteVerifier {
  const { name, id, key } = parseKeyString(vkey);
  checkKeyId(name, id, key);
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, key]), format: 'der', type: 'spki' });
  return {
    name,
    keyId: id,
    verify: (message, signature) => signature.length === 64 && verify(null, message, publicKey, signature),
  };
}

/** Verifiers of the keys seen lately, by key text: a key is parsed once, not at every request. */
const verifierCache = new Map<string, NoteVerifier>();
const VERIFIER_CACHE_SIZE = 4096;

/**
 * `parseVerifierKey`, remembered: for the keys a server checks at every request (the county platform's
 * registered push and log keys), which would otherwise be parsed and made into key objects each time.
 * A key that does not parse throws each time and is not remembered.
 */
export function cachedVerifierKey(vkey: string): NoteVerifier {
  let verifier = verifierCache.get(vkey);
  if (verifier === undefined) {
    verifier = parseVerifierKey(vkey);
    if (verifierCache.size >= VERIFIER_CACHE_SIZE) verifierCache.clear();
    verifierCache.set(vkey, verifier);
  }
  return verifier;
}

function openSignerKey(skey: string): { name: string; id: number; privateKey: KeyObject } {
  if (!skey.startsWith(SIGNER_KEY_PREFIX)) throw new RecordLogError('MALFORMED_KEY', 'not a signer key');
  const { name, id, key } = parseKeyString(skey.slice(SIGNER_KEY_PREFIX.length));
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, key]),
    format: 'der',
    type: 'pkcs8',
  });
  checkKeyId(name, id, rawPublicKey(createPublicKey(privateKey)));
  return { name, id, privateKey };
}

export function parseSignerKey(skey: string): NoteSigner {
  const { name, id, privateKey } = openSignerKey(skey);
  return { name, keyId: id, sign: (message) => new Uint8Array(sign(null, message, privateKey)) };
}

/** The verifier key string that goes with a signer key string. */
export function verifierKeyOf(skey: string): string {
  const { name, privateKey } = openSignerKey(skey);
  return verifierKey(name, createPublicKey(privateKey));
}

/** Valid UTF-8 (no lone surrogates, which cannot be encoded) and no control characters but newline. */
function checkNoteCharacters(text: string): void {
  if (hasControlCharacter(text, true) || /\p{Cs}/u.test(text)) {
    throw new RecordLogError('MALFORMED_NOTE', 'a note must be UTF-8 without control characters');
  }
}

/** Signs `text` (which must end in a newline) with each signer, in order. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkNoteCharacters(text);
  if (!text.endsWith('\n')) throw new RecordLogError('MALFORMED_NOTE', 'note text must end in a newline');
  if (signers.length === 0) throw new RecordLogError('MALFORMED_NOTE', 'a note needs at least one signature');
  const message = new TextEncoder().encode(text);
  const lines = signers.map((signer) => {
    if (!isValidKeyName(signer.name)) throw new RecordLogError('MALFORMED_KEY', 'invalid signer name');
    const id = Buffer.alloc(4);
    id.writeUInt32BE(signer.keyId);
    return `${SIGNATURE_PREFIX}${signer.name} ${encodeBase64(Buffer.concat([id, signer.sign(message)]))}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * Opens a signed note (C2SP signed-note "Signatures"): unknown keys are ignored (listed as unverified),
 * a known key whose signature fails rejects the whole note, and at least one known key must have signed.
 * Everything malformed is rejected, as golang.org/x/mod/sumdb/note's Open does.
 */
export function openNote(message: Uint8Array | string, verifiers: readonly NoteVerifier[]): OpenedNote {
  let note: string;
  try {
    note =
      typeof message === 'string'
        ? message
        : new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(message);
  } catch {
    throw new RecordLogError('MALFORMED_NOTE', 'a note must be UTF-8');
  }
  checkNoteCharacters(note);
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new RecordLogError('MALFORMED_NOTE', 'no signature block');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new RecordLogError('MALFORMED_NOTE', 'too many signatures');
  const textBytes = new TextEncoder().encode(text);
  const opened: OpenedNote = { text, signatures: [], unverified: [] };
  const seen = new Set<string>();
  for (const line of lines) {
    const { name, keyId: id, base64, signature } = parseSignatureLine(line);
    const matches = verifiers.filter((v) => v.name === name && v.keyId === id);
    if (matches.length > 1)
      throw new RecordLogError('AMBIGUOUS_KEY', `more than one key ${name}+${hex8(id)}`);
    const key = matches[0] === undefined ? line : `${name}+${hex8(id)}`;
    if (seen.has(key)) continue; // repeated signatures by one key count once, as in Go's Open
    seen.add(key);
    if (matches[0] === undefined) {
      opened.unverified.push({ name, keyId: id, base64 });
    } else if (matches[0].verify(textBytes, signature)) {
      opened.signatures.push({ name, keyId: id, base64 });
    } else {
      throw new RecordLogError('INVALID_SIGNATURE', `signature by ${name}+${hex8(id)} does not verify`);
    }
  }
  if (opened.signatures.length === 0)
    throw new RecordLogError('UNVERIFIED_NOTE', 'no signature by a known key');
  return opened;
}

function parseSignatureLine(line: string) {
  const [name = '', base64 = ''] = line.startsWith(SIGNATURE_PREFIX)
    ? line.slice(SIGNATURE_PREFIX.length).split(' ', 2)
    : [];
  const bytes = decodeBase64(base64);
  const rest = line.slice(SIGNATURE_PREFIX.length + name.length + 1 + base64.length);
  if (!isValidKeyName(name) || bytes === null || bytes.length < 5 || rest !== '') {
    throw new RecordLogError('MALFORMED_NOTE', 'malformed signature line');
  }
  return { name, keyId: Buffer.from(bytes).readUInt32BE(0), base64, signature: bytes.subarray(4) };
}
