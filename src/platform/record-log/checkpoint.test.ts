import { describe, expect, it } from 'vitest';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.ts';
import type { Checkpoint } from './checkpoint.ts';
import { RecordLogError } from './errors.ts';
import type { RecordLogErrorCode } from './errors.ts';
import { EMPTY_ROOT, leafHash, rootFromLeafHashes } from './merkle.ts';
import { generateNoteKeys, parseSignerKey, parseVerifierKey, signNote } from './note.ts';

function codeOf(fn: () => unknown): RecordLogErrorCode | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof RecordLogError) return error.code;
    throw error;
  }
}

// The example checkpoint text of C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint, "Note text").
const SPEC_TEXT = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

describe('checkpoint text (C2SP tlog-checkpoint)', () => {
  it('parses the spec example and formats it back byte for byte', () => {
    const checkpoint = parseCheckpoint(SPEC_TEXT);
    expect(checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(checkpoint.size).toBe(20852163);
    expect(Buffer.from(checkpoint.root).toString('base64')).toBe(
      'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=',
    );
    expect(checkpoint.extensions).toEqual([]);
    expect(formatCheckpoint(checkpoint)).toBe(SPEC_TEXT);
  });

  it('round-trips the empty tree and extension lines', () => {
    const empty: Checkpoint = { origin: 'sanxiang.example/log', size: 0, root: EMPTY_ROOT, extensions: [] };
    expect(formatCheckpoint(empty)).toBe(
      'sanxiang.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n',
    );
    const withExtensions = { ...empty, extensions: ['ext one', '扩展'] };
    expect(parseCheckpoint(formatCheckpoint(withExtensions))).toEqual(withExtensions);
  });

  it.each([
    ['no final newline', SPEC_TEXT.slice(0, -1)],
    ['only two lines', 'example.com/log\n5\n'],
    ['an empty origin', '\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a leading zero in the size', 'o\n05\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a signed size', 'o\n+5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a hex size', 'o\n0x5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a size with spaces', 'o\n 5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a size above 2^53', 'o\n9007199254740993\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['an empty size', 'o\n\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a 31-byte root', 'o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n'],
    ['a 33-byte root', 'o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2IA\n'],
    ['unpadded base64', 'o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n'],
    ['base64url', 'o\n5\nCsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['an empty extension line', `${SPEC_TEXT}\n`],
    ['a tab in the origin', SPEC_TEXT.replace('example.com', 'example\t.com')],
    ['a carriage return', SPEC_TEXT.replace('\n', '\r\n')],
  ])('rejects text with %s', (_what, text) => {
    expect(codeOf(() => parseCheckpoint(text))).toBe('MALFORMED_CHECKPOINT');
  });

  it('refuses to format a bad origin, size or root', () => {
    const good: Checkpoint = { origin: 'o', size: 1, root: EMPTY_ROOT, extensions: [] };
    for (const bad of [
      { ...good, origin: '' },
      { ...good, origin: 'a\nb' },
      { ...good, size: -1 },
      { ...good, size: 1.5 },
      { ...good, root: EMPTY_ROOT.slice(1) },
      { ...good, extensions: [''] },
    ]) {
      expect(codeOf(() => formatCheckpoint(bad))).toBe('MALFORMED_CHECKPOINT');
    }
  });
});

describe('signed checkpoints', () => {
  const keys = generateNoteKeys('sanxiang.example/log');
  const signer = parseSignerKey(keys.signerKey);
  const verifier = parseVerifierKey(keys.verifierKey);
  const leaves = ['a', 'b', 'c'].map((s) => leafHash(new TextEncoder().encode(s)));
  const checkpoint: Checkpoint = {
    origin: 'sanxiang.example/log',
    size: 3,
    root: rootFromLeafHashes(leaves),
    extensions: [],
  };

  it('signs and opens a checkpoint of this log', () => {
    const note = signCheckpoint(checkpoint, [signer]);
    expect(note.startsWith(`sanxiang.example/log\n3\n`)).toBe(true);
    const opened = openCheckpoint(new TextEncoder().encode(note), [verifier], 'sanxiang.example/log');
    expect(opened.checkpoint).toEqual({ ...checkpoint, root: opened.checkpoint.root });
    expect(Buffer.from(opened.checkpoint.root).equals(checkpoint.root)).toBe(true);
    expect(opened.note.signatures.map((s) => s.name)).toEqual(['sanxiang.example/log']);
  });

  it('rejects a checkpoint of another origin, an unsigned one and a tampered one', () => {
    const note = signCheckpoint(checkpoint, [signer]);
    expect(codeOf(() => openCheckpoint(note, [verifier], 'other.example/log'))).toBe('ORIGIN_MISMATCH');
    expect(codeOf(() => openCheckpoint(note, [], 'sanxiang.example/log'))).toBe('UNVERIFIED_NOTE');
    expect(
      codeOf(() => openCheckpoint(note.replace('\n3\n', '\n4\n'), [verifier], 'sanxiang.example/log')),
    ).toBe('INVALID_SIGNATURE');
  });

  it('rejects a validly signed note whose text is not a checkpoint', () => {
    const note = signNote('sanxiang.example/log\nnot a size\n', [signer]);
    expect(codeOf(() => openCheckpoint(note, [verifier], 'sanxiang.example/log'))).toBe(
      'MALFORMED_CHECKPOINT',
    );
  });
});
