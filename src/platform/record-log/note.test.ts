import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RecordLogError } from './errors.ts';
import type { RecordLogErrorCode } from './errors.ts';
import {
  cachedVerifierKey,
  generateNoteKeys,
  isValidKeyName,
  keyId,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  verifierKey,
} from './note.ts';

function codeOf(fn: () => unknown): RecordLogErrorCode | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof RecordLogError) return error.code;
    throw error;
  }
}

// Independent vector: the "Example" in the package doc of golang.org/x/mod/sumdb/note (note.go,
// https://pkg.go.dev/golang.org/x/mod/sumdb/note, BSD-3-Clause). Ed25519 is deterministic, so signing the
// text with the signer key must give exactly the note printed there.
const GO = {
  signerKey: 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz',
  verifierKey: 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
  text: "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n",
  signature:
    '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n',
  // The doc's doubly-signed note: EnochRoot's verifier key is not published, so that signature is unknown.
  enochRoot:
    '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n',
};
const goNote = `${GO.text}\n${GO.signature}`;

describe('golang.org/x/mod/sumdb/note example', () => {
  it('parses both keys and derives the published key ID', () => {
    const signer = parseSignerKey(GO.signerKey);
    const verifier = parseVerifierKey(GO.verifierKey);
    expect([signer.name, signer.keyId, verifier.name, verifier.keyId]).toEqual([
      'PeterNeumann',
      0xc74f20a3,
      'PeterNeumann',
      0xc74f20a3,
    ]);
    const typedKey = Buffer.from(GO.verifierKey.split('+')[2]!, 'base64');
    expect(keyId('PeterNeumann', typedKey)).toBe(0xc74f20a3);
  });

  it('signs the text into exactly the published note', () => {
    expect(signNote(GO.text, [parseSignerKey(GO.signerKey)])).toBe(goNote);
  });

  it('opens the published note, and the doubly-signed one with the unknown signature set aside', () => {
    const verifier = parseVerifierKey(GO.verifierKey);
    const opened = openNote(new TextEncoder().encode(goNote), [verifier]);
    expect(opened.text).toBe(GO.text);
    expect(opened.signatures.map((s) => [s.name, s.keyId])).toEqual([['PeterNeumann', 0xc74f20a3]]);
    const double = openNote(goNote + GO.enochRoot, [verifier]);
    expect(double.unverified.map((s) => s.name)).toEqual(['EnochRoot']);
  });
});

describe('keys', () => {
  it('generates key pairs whose strings round-trip and sign for each other', () => {
    const { signerKey, verifierKey: vkey } = generateNoteKeys('sanxiang.example/log');
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+sanxiang\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(vkey).toMatch(/^sanxiang\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const signed = signNote('hello\n', [parseSignerKey(signerKey)]);
    expect(openNote(signed, [parseVerifierKey(vkey)]).text).toBe('hello\n');
  });

  it('parses a verifier key once when it is asked for again (cachedVerifierKey), a bad one never', () => {
    const { signerKey, verifierKey: vkey } = generateNoteKeys('sanxiang.example/log');
    const verifier = cachedVerifierKey(vkey);
    expect(cachedVerifierKey(vkey)).toBe(verifier);
    expect(openNote(signNote('hello\n', [parseSignerKey(signerKey)]), [verifier]).text).toBe('hello\n');
    const bad = `${vkey.slice(0, -4)}AAAA`;
    expect(codeOf(() => cachedVerifierKey(bad))).toBe(codeOf(() => parseVerifierKey(bad)));
    expect(codeOf(() => cachedVerifierKey(bad))).not.toBeNull();
  });

  it('builds a verifier key from a KeyObject or raw bytes', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    expect(verifierKey('a', publicKey)).toBe(verifierKey('a', raw));
    expect(codeOf(() => verifierKey('a', generateKeyPairSync('ed448').publicKey))).toBe('UNKNOWN_ALGORITHM');
    expect(codeOf(() => verifierKey('a b', publicKey))).toBe('MALFORMED_KEY');
  });

  it('checks key names as C2SP signed-note requires', () => {
    for (const name of ['PeterNeumann', 'example.com/log', '县司法局'])
      expect(isValidKeyName(name)).toBe(true);
    for (const name of ['', 'a b', 'a+b', 'a\tb', 'a\u3000b', 'a\u00a0b', 'a\u0000', '\ud800']) {
      expect(isValidKeyName(name)).toBe(false);
    }
  });

  it.each([
    ['PeterNeumann+c74f20a3', 'MALFORMED_KEY'],
    ['PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'MALFORMED_KEY'],
    ['PeterNeumann+c74f20aZ+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'MALFORMED_KEY'],
    ['PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'KEY_HASH_MISMATCH'],
    ['PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T', 'MALFORMED_KEY'],
    ['PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW ', 'MALFORMED_KEY'],
    ['PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'MALFORMED_KEY'],
    ['PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'UNKNOWN_ALGORITHM'],
    ['Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'MALFORMED_KEY'],
  ] as const)('rejects verifier key %j', (vkey, code) => {
    expect(codeOf(() => parseVerifierKey(vkey))).toBe(code);
  });

  it('rejects malformed signer keys, and a verifier key passed as a signer key', () => {
    expect(codeOf(() => parseSignerKey(GO.verifierKey))).toBe('MALFORMED_KEY');
    expect(codeOf(() => parseSignerKey(GO.signerKey.replace('c74f20a3', 'c74f20a4')))).toBe(
      'KEY_HASH_MISMATCH',
    );
    expect(codeOf(() => parseSignerKey(GO.signerKey.replace('PRIVATE+KEY', 'PRIVATE+KEE')))).toBe(
      'MALFORMED_KEY',
    );
  });
});

describe('openNote', () => {
  const verifier = parseVerifierKey(GO.verifierKey);
  const other = generateNoteKeys('other.example');

  it.each([
    ['no blank line', `${GO.text}${GO.signature}`],
    ['no signature', `${GO.text}\n`],
    ['no final newline', goNote.slice(0, -1)],
    ['a hyphen for the em dash', goNote.replace('\u2014', '-')],
    ['two spaces', goNote.replace('\u2014 PeterNeumann ', '\u2014 PeterNeumann  ')],
    ['trailing text after the signature', goNote.replace('AM=\n', 'AM= x\n')],
    ['bad base64', goNote.replace('x08go', 'x08g!')],
    ['a signature of 4 bytes', `${GO.text}\n\u2014 PeterNeumann x08gow==\n`],
    ['a control character', goNote.replace('problem,', 'problem,\r')],
    ['a tab', goNote.replace('If you', 'If\tyou')],
  ])('rejects a note with %s', (_what, note) => {
    expect(codeOf(() => openNote(note, [verifier]))).toBe('MALFORMED_NOTE');
  });

  it('rejects bytes that are not UTF-8, and too many signatures', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(goNote)]);
    expect(codeOf(() => openNote(bytes, [verifier]))).toBe('MALFORMED_NOTE');
    expect(codeOf(() => openNote(goNote + GO.enochRoot.repeat(100), [verifier]))).toBe('MALFORMED_NOTE');
  });

  it('rejects a changed text, a changed signature, and a note no known key signed', () => {
    expect(codeOf(() => openNote(goNote.replace('answer', 'Answer'), [verifier]))).toBe('INVALID_SIGNATURE');
    expect(codeOf(() => openNote(goNote.replace('x08go/ZJ', 'x08go/ZK'), [verifier]))).toBe(
      'INVALID_SIGNATURE',
    );
    // The last blank line separates text from signatures, so a blank line among them makes text of the rest.
    expect(codeOf(() => openNote(`${goNote}\n${GO.signature}`, [verifier]))).toBe('INVALID_SIGNATURE');
    expect(codeOf(() => openNote(goNote, [parseVerifierKey(other.verifierKey)]))).toBe('UNVERIFIED_NOTE');
    expect(codeOf(() => openNote(goNote, []))).toBe('UNVERIFIED_NOTE');
  });

  it('ignores unknown keys even with a known name or key ID, and repeated signatures', () => {
    const sameNameOtherId = GO.signature.replace('x08go', 'AAAAA');
    const opened = openNote(goNote + sameNameOtherId + GO.signature, [verifier]);
    expect(opened.signatures).toHaveLength(1);
    expect(opened.unverified.map((s) => s.name)).toEqual(['PeterNeumann']);
  });

  it('rejects two verifiers with the same name and key ID', () => {
    expect(codeOf(() => openNote(goNote, [verifier, parseVerifierKey(GO.verifierKey)]))).toBe(
      'AMBIGUOUS_KEY',
    );
  });

  it('keeps text with inner blank lines and non-ASCII, and signs with several keys', () => {
    const text = '执法全过程记录\n\n第二段\n';
    const note = signNote(text, [parseSignerKey(other.signerKey), parseSignerKey(GO.signerKey)]);
    const opened = openNote(note, [verifier, parseVerifierKey(other.verifierKey)]);
    expect(opened.text).toBe(text);
    expect(opened.signatures.map((s) => s.name)).toEqual(['other.example', 'PeterNeumann']);
  });

  it('refuses to sign text without a final newline, with control characters, or with no signer', () => {
    const signer = parseSignerKey(GO.signerKey);
    expect(codeOf(() => signNote('no newline', [signer]))).toBe('MALFORMED_NOTE');
    expect(codeOf(() => signNote('tab\there\n', [signer]))).toBe('MALFORMED_NOTE');
    expect(codeOf(() => signNote('ok\n', []))).toBe('MALFORMED_NOTE');
  });
});
