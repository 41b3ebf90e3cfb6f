import { describe, expect, it } from 'vitest';
import { TreeEdge, type TileHashes } from './edge.ts';
import { RecordLogError } from './errors.ts';
import { EMPTY_ROOT, leafHash, rootFromLeafHashes } from './merkle.ts';
import { tileHashesFromLeafHashes, tilePath, tilesChanged } from './tiles.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const leaves = Array.from({ length: 70_000 }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));

describe('the right edge of a tiled tree', () => {
  it('has the empty root (RFC 6962 §2.1: SHA-256 of nothing) and no tiles when empty', () => {
    const edge = TreeEdge.empty();
    expect(hex(edge.root())).toBe(hex(EMPTY_ROOT));
    expect(edge.partialTiles()).toEqual([]);
  });

  it('grows batch by batch, restarted each time from its stored partial tiles, to the same tiles and roots', () => {
    const store = new Map<string, TileHashes>();
    let size = 0;
    for (const batch of [1, 6, 249, 1, 300, 65_000, 4_443]) {
      const next = size + batch;
      const partials = TreeEdge.partialTilesOf(size).map((tile) => store.get(`${tile.level}/${tile.index}`)!);
      const edge = TreeEdge.fromPartialTiles(size, partials);
      const written = edge.grow(leaves.slice(size, next));
      // Exactly the tiles C2SP tlog-tiles says change: full ones, and partial ones at their new width.
      expect(written.map((t) => tilePath(t.tile)).sort()).toEqual(
        tilesChanged(size, next).map(tilePath).sort(),
      );
      for (const { tile, hashes } of written) {
        expect(hashes.map(hex)).toEqual(tileHashesFromLeafHashes(tile, leaves).map(hex));
        store.set(`${tile.level}/${tile.index}`, { tile, hashes });
      }
      expect(edge.size).toBe(next);
      expect(hex(edge.root())).toBe(hex(rootFromLeafHashes(leaves.slice(0, next))));
      size = next;
    }
  });

  it('gives the root of every size from 1 to 600 leaf by leaf', () => {
    const edge = TreeEdge.empty();
    for (let n = 1; n <= 600; n++) {
      edge.append([leaves[n - 1]!]);
      expect(hex(edge.root())).toBe(hex(rootFromLeafHashes(leaves.slice(0, n))));
    }
  });

  it('refuses to start without the partial tiles of its size', () => {
    expect(() => TreeEdge.fromPartialTiles(300, [])).toThrow(RecordLogError);
    const short = { tile: { level: 0, index: 1, width: 3 }, hashes: leaves.slice(256, 259) };
    expect(() => TreeEdge.fromPartialTiles(300, [short])).toThrow(RecordLogError);
  });
});
