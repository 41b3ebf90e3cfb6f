import { createHash, createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signCheckpoint } from '../../platform/record-log/checkpoint.ts';
import { EMPTY_ROOT } from '../../platform/record-log/merkle.ts';
import { generateNoteKeys, parseSignerKey } from '../../platform/record-log/note.ts';
import { generateCosignerKey, parseCosignerKey } from './cosigner-key.ts';
import {
  MalformedRequest,
  cosignatureLine,
  judgeCheckpoint,
  parseAddCheckpoint,
  type HeldCheckpoint,
} from './witness.rules.ts';

const ORIGIN = 'example.gov.cn/log';
const VECTORS = path.resolve(import.meta.dirname, '../../../test/fixtures/merkle-vectors/consistency/1');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

interface Vector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
}
const vector = (name: string): Vector =>
  JSON.parse(fs.readFileSync(path.join(VECTORS, name), 'utf8')) as Vector;

const logKeys = generateNoteKeys(ORIGIN);
const otherKeys = generateNoteKeys(ORIGIN);
const signer = parseSignerKey(logKeys.signerKey);

const note = (size: number, root: Uint8Array, signers = [signer]) =>
  signCheckpoint({ origin: ORIGIN, size, root, extensions: [] }, signers);
const body = (old: number, proof: readonly string[], checkpoint: string) =>
  `old ${old}\n${proof.map((p) => `${p}\n`).join('')}\n${checkpoint}`;
const held = (size: number, root: string): HeldCheckpoint => ({
  size,
  root: bytes(root),
  note: note(size, bytes(root)),
});
const judge = (text: string, h: HeldCheckpoint | null) =>
  judgeCheckpoint(parseAddCheckpoint(text), [logKeys.verifierKey], h);

describe('add-checkpoint requests (C2SP tlog-witness)', () => {
  it('parses the old size, the proof lines, the empty line and the checkpoint note', () => {
    const v = vector('happy-path.json');
    const cp = note(v.size2, bytes(v.root2));
    const parsed = parseAddCheckpoint(new TextEncoder().encode(body(v.size1, v.proof!, cp)));
    expect(parsed.oldSize).toBe(v.size1);
    expect(parsed.proof.map(b64)).toEqual(v.proof);
    expect(parsed.note).toBe(cp);
    expect(parsed.origin).toBe(ORIGIN);
  });

  it('refuses a malformed body (400)', () => {
    const cp = note(0, EMPTY_ROOT);
    const bad = [
      '',
      'old 1',
      `old 01\n\n${cp}`,
      `old -1\n\n${cp}`,
      `new 0\n\n${cp}`,
      `old 0\nnot base64!\n\n${cp}`,
      `old 0\n${b64(new Uint8Array(31))}\n\n${cp}`,
      `old 0\n${cp}`,
      `old 0\n\n${ORIGIN}\n0\n`,
      `old 0\n${`${b64(new Uint8Array(32))}\n`.repeat(64)}\n${cp}`,
    ];
    for (const text of bad) expect(() => parseAddCheckpoint(text), text).toThrow(MalformedRequest);
    expect(() => parseAddCheckpoint(Uint8Array.of(0x6f, 0xff))).toThrow(MalformedRequest);
    // 63 lines are allowed.
    expect(
      parseAddCheckpoint(`old 0\n${`${b64(new Uint8Array(32))}\n`.repeat(63)}\n${cp}`).proof,
    ).toHaveLength(63);
  });
});

describe('judging a checkpoint', () => {
  const v = vector('happy-path.json');

  it('cosigns the first checkpoint from old size 0 and one consistent with the one held', () => {
    const first = judge(body(0, [], note(v.size1, bytes(v.root1))), null);
    expect(first).toMatchObject({ outcome: 'cosign', advances: true });
    const next = judge(body(v.size1, v.proof!, note(v.size2, bytes(v.root2))), held(v.size1, v.root1));
    expect(next).toMatchObject({ outcome: 'cosign', advances: true });
    // The same checkpoint again: cosigned, nothing new to keep.
    const again = judge(body(v.size2, [], note(v.size2, bytes(v.root2))), held(v.size2, v.root2));
    expect(again).toMatchObject({ outcome: 'cosign', advances: false });
  });

  it('answers 409 with the size held when the old size is not it', () => {
    expect(judge(body(0, [], note(v.size2, bytes(v.root2))), held(v.size1, v.root1))).toEqual({
      outcome: 'conflict',
      heldSize: v.size1,
    });
    expect(judge(body(3, [], note(v.size2, bytes(v.root2))), null)).toEqual({
      outcome: 'conflict',
      heldSize: 0,
    });
  });

  it('answers 403 without a valid signature by a trusted key', () => {
    const byOther = note(v.size1, bytes(v.root1), [parseSignerKey(otherKeys.signerKey)]);
    expect(judge(body(0, [], byOther), null).outcome).toBe('untrusted');
    // A trusted key's signature that fails: the root changed after signing.
    const good = note(v.size1, bytes(v.root1));
    const forged = good.replace(v.root1, v.root2);
    expect(judge(body(0, [], forged), null).outcome).toBe('untrusted');
  });

  it('answers 400 when the old size is larger than the checkpoint', () => {
    expect(judge(body(7, [], note(6, bytes(v.root1))), held(7, v.root2)).outcome).toBe('bad-request');
  });

  it('answers 422 for a bad empty tree, a proof from 0, another root at the same size, a failing proof', () => {
    expect(judge(body(0, [], note(0, bytes(v.root1))), null)).toMatchObject({
      outcome: 'inconsistent',
      fork: false,
    });
    expect(judge(body(0, [v.root1], note(v.size1, bytes(v.root1))), null)).toMatchObject({
      outcome: 'inconsistent',
      fork: false,
    });
    expect(judge(body(v.size1, [], note(v.size1, bytes(v.root2))), held(v.size1, v.root1))).toMatchObject({
      outcome: 'inconsistent',
      fork: true,
    });
    const modified = vector('modified-proof@0-bit-@4.json');
    expect(
      judge(
        body(modified.size1, modified.proof!, note(modified.size2, bytes(modified.root2))),
        held(v.size1, v.root1),
      ),
    ).toMatchObject({ outcome: 'inconsistent', fork: true });
    // A proof for another new root (the tree was rewritten after the size held).
    expect(
      judge(body(v.size1, v.proof!, note(v.size2, bytes(v.root1))), held(v.size1, v.root1)),
    ).toMatchObject({
      outcome: 'inconsistent',
      fork: true,
    });
  });
});

describe('cosignature/v1 (C2SP tlog-cosignature)', () => {
  it('is a note signature line: key ID, 8-byte big-endian time, Ed25519 over the signed message', () => {
    const key = parseCosignerKey(generateCosignerKey('county.example.gov.cn/witness'));
    const text = `${ORIGIN}\n8\n${vector('happy-path.json').root2}\n`;
    const line = cosignatureLine(key, text, 1_796_000_000);
    const match = /^\u2014 (\S+) (\S+)\n$/.exec(line);
    expect(match?.[1]).toBe('county.example.gov.cn/witness');
    const raw = Buffer.from(match![2]!, 'base64');
    expect(raw).toHaveLength(4 + 8 + 64);
    // Key ID from the spec's formula, computed here: SHA-256(name || "\n" || 0x04 || public key)[:4].
    const id = createHash('sha256')
      .update('county.example.gov.cn/witness\n')
      .update(Uint8Array.of(0x04))
      .update(key.publicKey)
      .digest()
      .subarray(0, 4);
    expect(raw.subarray(0, 4)).toEqual(id);
    expect(raw.readBigUInt64BE(4)).toBe(1_796_000_000n);
    const message = Buffer.from(`cosignature/v1\ntime 1796000000\n${text}`);
    const publicKey = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), key.publicKey]),
      format: 'der',
      type: 'spki',
    });
    expect(verify(null, message, publicKey, raw.subarray(12))).toBe(true);
    // The verifier key is a vkey of type 0x04 with that key ID.
    const [name, hex, ...rest] = key.verifierKey.split('+');
    const typed = rest.join('+');
    expect(name).toBe('county.example.gov.cn/witness');
    expect(hex).toBe(id.toString('hex'));
    expect(Buffer.from(typed, 'base64')).toEqual(Buffer.concat([Uint8Array.of(0x04), key.publicKey]));
  });

  it('never carries a zero time', () => {
    const key = parseCosignerKey(generateCosignerKey('w.example/w1'));
    expect(() => cosignatureLine(key, `${ORIGIN}\n0\n${b64(EMPTY_ROOT)}\n`, 0)).toThrow();
  });
});
