import { describe, expect, it } from 'vitest';
import { signCheckpoint } from '../../platform/record-log/checkpoint.ts';
import {
  openNote,
  generateNoteKeys,
  parseSignerKey,
  parseVerifierKey,
} from '../../platform/record-log/note.ts';
import { generateCosignerKey, parseCosignerKey } from './cosigner-key.ts';
import {
  CosignatureError,
  noteBody,
  parseCosignerVerifierKey,
  verifyCosignature,
  withCosignatures,
} from './cosignature.rules.ts';
import { cosignatureLine } from './witness.rules.ts';

const log = generateNoteKeys('example.gov.cn/log');
const note = signCheckpoint(
  { origin: 'example.gov.cn/log', size: 3, root: new Uint8Array(32).fill(7), extensions: [] },
  [parseSignerKey(log.signerKey)],
);
const witness = parseCosignerKey(generateCosignerKey('county.example.gov.cn/witness'));
const pinned = parseCosignerVerifierKey(witness.verifierKey);

describe('a cosignature/v1 line is checked against the pinned witness key (C2SP tlog-cosignature)', () => {
  it('reads the witness key as served at /witness/key (type 0x04, key ID recomputed)', () => {
    expect(pinned.name).toBe('county.example.gov.cn/witness');
    expect(pinned.keyId).toBe(witness.keyId);
    // A plain signed-note key (type 0x01) is not a cosigner key.
    expect(() => parseCosignerVerifierKey(log.verifierKey)).toThrow(CosignatureError);
  });

  it("accepts the witness's line over this checkpoint and gives its time", () => {
    const line = cosignatureLine(witness, noteBody(note), 1_796_000_000);
    expect(verifyCosignature(line, pinned, noteBody(note)).time).toBe(1_796_000_000);
  });

  it('refuses a line by another witness, over another checkpoint, or altered', () => {
    const other = parseCosignerKey(generateCosignerKey('county.example.gov.cn/witness'));
    const line = cosignatureLine(witness, noteBody(note), 1_796_000_000);
    expect(() =>
      verifyCosignature(cosignatureLine(other, noteBody(note), 5), pinned, noteBody(note)),
    ).toThrow(CosignatureError);
    expect(() => verifyCosignature(line, pinned, noteBody(note).replace('\n3\n', '\n4\n'))).toThrow(
      CosignatureError,
    );
    const bytes = Buffer.from(line.trim().split(' ')[2]!, 'base64');
    bytes[20]! ^= 1;
    const altered = `\u2014 ${pinned.name} ${bytes.toString('base64')}\n`;
    expect(() => verifyCosignature(altered, pinned, noteBody(note))).toThrow(CosignatureError);
  });

  it('a cosigned checkpoint is the note with the line appended, still opened by the log key alone', () => {
    const line = cosignatureLine(witness, noteBody(note), 9);
    const served = withCosignatures(note, [line]);
    expect(served.endsWith(line)).toBe(true);
    const opened = openNote(served, [parseVerifierKey(log.verifierKey)]);
    expect(opened.signatures).toHaveLength(1);
    expect(opened.unverified.map((s) => s.name)).toEqual([pinned.name]);
  });
});
