import { describe, expect, it } from 'vitest';
import { RecordLogError } from './errors.ts';
import { leafHash, rootFromLeafHashes, verifyConsistency, verifyInclusion } from './merkle.ts';
import { consistencyProof, inclusionProof, memoryHashReader, treeRoot } from './proofs.ts';
import type { Tile } from './tiles.ts';
import {
  decodeEntryBundle,
  decodeTile,
  encodeEntryBundle,
  encodeTile,
  entryBundlePath,
  locateNode,
  parseTilePath,
  tileExists,
  tileHashReader,
  tileHashesFromLeafHashes,
  tileLevels,
  tilePath,
  tileRoot,
  tilesChanged,
} from './tiles.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function leafHashes(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
}

describe('tile paths (C2SP tlog-tiles)', () => {
  it('encodes the index in 3-digit groups, all but the last prefixed x', () => {
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 1, index: 0, width: 17 })).toBe('tile/1/000.p/17');
    expect(tilePath({ level: 2, index: 999, width: 256 })).toBe('tile/2/999');
    expect(entryBundlePath(1000, 5)).toBe('tile/entries/x001/000.p/5');
    expect(entryBundlePath(1234067, 256)).toBe('tile/entries/x001/x234/067');
  });

  it('parses every path it writes back to the same tile', () => {
    for (const index of [0, 1, 999, 1000, 999_999, 1_000_000, 1_234_067, Number.MAX_SAFE_INTEGER]) {
      for (const width of [1, 17, 255, 256]) {
        const tile = { level: 3, index, width };
        expect(parseTilePath(tilePath(tile))).toEqual({ kind: 'hashes', tile });
        expect(parseTilePath(entryBundlePath(index, width))).toEqual({ kind: 'entries', index, width });
      }
    }
    expect(parseTilePath('tile/63/000')).toEqual({
      kind: 'hashes',
      tile: { level: 63, index: 0, width: 256 },
    });
  });

  it.each([
    '',
    'tile/0',
    '/tile/0/000',
    'tile/0/000/',
    'tile/0/0',
    'tile/0/01',
    'tile/0/0000',
    'tile/0/x000/001',
    'tile/0/x001',
    'tile/0/001/002',
    'tile/0/x1/000',
    'tile/0/X001/000',
    'tile/00/000',
    'tile/01/000',
    'tile/64/000',
    'tile/-1/000',
    'tile/a/000',
    'tile/0/00a',
    'tile/0/000.p/0',
    'tile/0/000.p/256',
    'tile/0/000.p/010',
    'tile/0/000.p/',
    'tile/0/000.p/1/',
    'tile/0/000.p/+1',
    'tile/0/000.p1',
    'tile/0/x009/x007/x199/x254/x740/992',
    'tile/0/x010/x000/x000/x000/x000/000',
    'tile/entries/000.p/0',
    'tile/entries/x000/000',
    'tile/data/000',
    'tile/0/000?x=1',
    'tile/0/０００',
    'tile/0/000\n',
  ])('rejects %j', (path) => {
    expect(parseTilePath(path)).toBeNull();
  });
});

describe('which tiles exist', () => {
  it('matches the spec examples: sizes 70,000 and 256', () => {
    expect(tileLevels(70_000)).toEqual([
      { level: 0, full: 273, partialWidth: 112 },
      { level: 1, full: 1, partialWidth: 17 },
      { level: 2, full: 0, partialWidth: 1 },
    ]);
    expect(tileLevels(256)).toEqual([
      { level: 0, full: 1, partialWidth: 0 },
      { level: 1, full: 0, partialWidth: 1 },
    ]);
    expect(tileLevels(0)).toEqual([]);
  });

  it('serves full tiles and partial tiles of this or an earlier size, never empty or future ones', () => {
    expect(tileExists({ level: 0, index: 272, width: 256 }, 70_000)).toBe(true);
    expect(tileExists({ level: 0, index: 273, width: 112 }, 70_000)).toBe(true);
    expect(tileExists({ level: 0, index: 273, width: 5 }, 70_000)).toBe(true);
    expect(tileExists({ level: 0, index: 273, width: 113 }, 70_000)).toBe(false);
    expect(tileExists({ level: 0, index: 273, width: 256 }, 70_000)).toBe(false);
    expect(tileExists({ level: 2, index: 0, width: 1 }, 70_000)).toBe(true);
    expect(tileExists({ level: 3, index: 0, width: 1 }, 70_000)).toBe(false);
    expect(tileExists({ level: 0, index: 0, width: 0 }, 70_000)).toBe(false);
  });

  it('lists the tiles that change when the tree grows', () => {
    expect(tilesChanged(0, 300)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 0, index: 1, width: 44 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tilesChanged(300, 600)).toEqual([
      { level: 0, index: 1, width: 256 },
      { level: 0, index: 2, width: 88 },
      { level: 1, index: 0, width: 2 },
    ]);
    expect(tilesChanged(300, 301)).toEqual([{ level: 0, index: 1, width: 45 }]);
    expect(tilesChanged(7, 7)).toEqual([]);
  });
});

describe('tile and entry bundle bytes', () => {
  it('round-trips tiles and rejects wrong sizes', () => {
    const hashes = leafHashes(3);
    const bytes = encodeTile(hashes);
    expect(bytes.length).toBe(96);
    expect(decodeTile(bytes, 3).map(hex)).toEqual(hashes.map(hex));
    expect(() => decodeTile(bytes, 2)).toThrow(RecordLogError);
    expect(() => decodeTile(bytes.slice(1), 3)).toThrow(RecordLogError);
    expect(() => encodeTile([])).toThrow(RecordLogError);
    expect(() => encodeTile([new Uint8Array(31)])).toThrow(RecordLogError);
  });

  it('round-trips entry bundles with uint16 big-endian lengths', () => {
    const entries = [new Uint8Array(), Uint8Array.of(1, 2, 3), new Uint8Array(0xffff).fill(7)];
    const bytes = encodeEntryBundle(entries);
    expect([...bytes.slice(0, 7)]).toEqual([0, 0, 0, 3, 1, 2, 3]);
    expect([...bytes.slice(7, 9)]).toEqual([0xff, 0xff]);
    expect(decodeEntryBundle(bytes, 3).map(hex)).toEqual(entries.map(hex));
    expect(decodeEntryBundle(bytes).length).toBe(3);
  });

  it('rejects oversized entries and malformed bundles', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof RecordLogError ? error.code : 'OTHER';
      }
      return null;
    };
    expect(code(() => encodeEntryBundle([new Uint8Array(0x10000)]))).toBe('ENTRY_TOO_LARGE');
    expect(code(() => encodeEntryBundle([]))).toBe('MALFORMED_BUNDLE');
    expect(code(() => encodeEntryBundle(Array.from({ length: 257 }, () => new Uint8Array(1))))).toBe(
      'MALFORMED_BUNDLE',
    );
    expect(code(() => decodeEntryBundle(Uint8Array.of(0, 3, 1, 2)))).toBe('MALFORMED_BUNDLE');
    expect(code(() => decodeEntryBundle(Uint8Array.of(0, 0, 0)))).toBe('MALFORMED_BUNDLE');
    expect(code(() => decodeEntryBundle(new Uint8Array()))).toBe('MALFORMED_BUNDLE');
    expect(code(() => decodeEntryBundle(Uint8Array.of(0, 1, 9), 2))).toBe('MALFORMED_BUNDLE');
    expect(code(() => decodeEntryBundle(new Uint8Array(2 * 257)))).toBe('MALFORMED_BUNDLE');
  });
});

describe('tile hashes and proofs from tiles', () => {
  const SIZE = 70_000;
  const leaves = leafHashes(SIZE);

  it('locates a node in its tile', () => {
    expect(locateNode({ level: 0, index: 300 }, SIZE)).toEqual({
      tile: { level: 0, index: 1, width: 256 },
      start: 44,
      count: 1,
    });
    expect(locateNode({ level: 3, index: 8749 }, SIZE)).toEqual({
      tile: { level: 0, index: 273, width: 112 },
      start: 104,
      count: 8,
    });
    expect(locateNode({ level: 16, index: 0 }, SIZE)).toEqual({
      tile: { level: 2, index: 0, width: 1 },
      start: 0,
      count: 1,
    });
    expect(() => locateNode({ level: 4, index: 4375 }, SIZE)).toThrow(RecordLogError);
  });

  it('integrates batches from stored tiles alone, and proofs from those tiles match proofs from leaves', async () => {
    // The integrator's algorithm: level-0 tiles from leaf hashes, each higher tile hash from the full tile below.
    const store = new Map<string, Uint8Array[]>();
    const key = (t: { level: number; index: number }) => `${t.level}/${t.index}`;
    const readTile = (tile: Tile) => Promise.resolve(store.get(key(tile)) ?? []);
    let size = 0;
    for (const batch of [1, 6, 249, 1, 300, 65_000, 4_443]) {
      const next = size + batch;
      for (const tile of tilesChanged(size, next)) {
        const hashes =
          tile.level === 0
            ? leaves.slice(tile.index * 256, tile.index * 256 + tile.width)
            : Array.from({ length: tile.width }, (_, i) =>
                tileRoot(store.get(key({ level: tile.level - 1, index: tile.index * 256 + i }))!),
              );
        expect(hashes.map(hex)).toEqual(tileHashesFromLeafHashes(tile, leaves).map(hex));
        store.set(key(tile), hashes);
      }
      size = next;
      const [tree, reader] = [leaves.slice(0, size), tileHashReader(size, readTile)];
      const root = rootFromLeafHashes(tree);
      expect(hex(await treeRoot(size, reader))).toBe(hex(root));
      for (const index of new Set([0, size >> 1, size - 1, Math.max(0, size - 300)])) {
        const proof = await inclusionProof(index, size, reader);
        expect(proof.map(hex)).toEqual((await inclusionProof(index, size, memoryHashReader(tree))).map(hex));
        verifyInclusion(index, size, tree[index]!, proof, root);
      }
      for (const old of new Set([1, Math.max(1, size >> 1), Math.max(1, size - 1)])) {
        const proof = await consistencyProof(old, size, reader);
        verifyConsistency(old, size, proof, rootFromLeafHashes(tree.slice(0, old)), root);
      }
    }
    expect(size).toBe(SIZE);
  });
});
