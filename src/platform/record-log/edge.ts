import { RecordLogError } from './errors.ts';
import { treeRootFromNodes, treeRootNodes } from './proofs.ts';
import {
  TILE_WIDTH,
  encodeEntryBundle,
  hashFromTile,
  locateNode,
  tilePath,
  tileRoot,
  tilesChanged,
} from './tiles.ts';
import type { Tile } from './tiles.ts';

/** A tile and its hashes. */
export interface TileHashes {
  readonly tile: Tile;
  readonly hashes: readonly Uint8Array[];
}

/** How many hashes tile level `level` holds in a tree of `size` (C2SP tlog-tiles): floor(size / 256^level). */
const hashesAt = (size: number, level: number): number => Math.floor(size / TILE_WIDTH ** level);

/**
 * The right edge of a tiled Merkle tree: for each tile level, the hashes of its rightmost partial tile.
 * That is all it takes to grow the tree: appending a leaf hash may complete a tile, whose MTH is then one
 * hash of the level above (C2SP tlog-tiles: only full tiles go up a level), and every node of the root
 * lies in these partial tiles (each set bit of the size is one complete subtree of the right edge).
 *
 * The integrator starts one from the stored partial tiles and appends a batch; `sanxiang verify` starts
 * an empty one and appends every leaf. Memory is at most 256 hashes per level.
 */
export class TreeEdge {
  #size: number;
  readonly #levels: Uint8Array[][];

  private constructor(size: number, levels: Uint8Array[][]) {
    this.#size = size;
    this.#levels = levels;
  }

  static empty(): TreeEdge {
    return new TreeEdge(0, []);
  }

  /** The partial tiles of a tree of `size`, bottom up: what `fromPartialTiles` needs. */
  static partialTilesOf(size: number): Tile[] {
    const tiles: Tile[] = [];
    for (let level = 0; hashesAt(size, level) > 0; level++) {
      const count = hashesAt(size, level);
      if (count % TILE_WIDTH > 0)
        tiles.push({ level, index: Math.floor(count / TILE_WIDTH), width: count % TILE_WIDTH });
    }
    return tiles;
  }

  /** The edge of a tree of `size` from its partial tiles (a wider version of a tile serves as well). */
  static fromPartialTiles(size: number, partials: readonly TileHashes[]): TreeEdge {
    const levels: Uint8Array[][] = [];
    for (let level = 0; hashesAt(size, level) > 0; level++) levels.push([]);
    for (const { level, index, width } of TreeEdge.partialTilesOf(size)) {
      const found = partials.find((p) => p.tile.level === level && p.tile.index === index);
      if (!found || found.hashes.length < width) {
        throw new RecordLogError(
          'MISSING_NODE',
          `partial tile ${level}/${index} of width ${width} is missing`,
        );
      }
      levels[level] = found.hashes.slice(0, width);
    }
    return new TreeEdge(size, levels);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends leaf hashes; `onFullTile` sees every tile they complete, at any level. */
  append(leafHashes: readonly Uint8Array[], onFullTile?: (full: TileHashes) => void): void {
    for (const leaf of leafHashes) {
      this.#size++;
      this.#push(0, leaf, onFullTile);
    }
  }

  #push(level: number, hash: Uint8Array, onFullTile?: (full: TileHashes) => void): void {
    const hashes = (this.#levels[level] ??= []);
    hashes.push(hash);
    if (hashes.length < TILE_WIDTH) return;
    // hashesAt already counts this hash, so the tile just completed is the one before the current count.
    const index = hashesAt(this.#size, level) / TILE_WIDTH - 1;
    this.#levels[level] = [];
    onFullTile?.({ tile: { level, index, width: TILE_WIDTH }, hashes });
    this.#push(level + 1, tileRoot(hashes), onFullTile);
  }

  /**
   * Appends leaf hashes and returns the tiles that changed (C2SP `tilesChanged`): every tile completed,
   * and each partial tile at its new width. These, with the new root, are what the integrator stores.
   */
  grow(leafHashes: readonly Uint8Array[]): TileHashes[] {
    const oldSize = this.#size;
    const full: TileHashes[] = [];
    this.append(leafHashes, (tile) => full.push(tile));
    const changed = new Set(tilesChanged(oldSize, this.#size).map(tilePath));
    return [...full, ...this.partialTiles().filter(({ tile }) => changed.has(tilePath(tile)))];
  }

  /** The current partial tiles, bottom up (levels whose count is a multiple of 256 have none). */
  partialTiles(): TileHashes[] {
    return TreeEdge.partialTilesOf(this.#size).map((tile) => ({
      tile,
      hashes: [...(this.#levels[tile.level] ?? [])],
    }));
  }

  /** RFC 6962 MTH of the whole tree, from the complete subtrees of the right edge. */
  root(): Uint8Array {
    const size = this.#size;
    const hashes = treeRootNodes(size).map((node) => {
      const location = locateNode(node, size);
      const { level, index } = location.tile;
      if (index !== Math.floor(hashesAt(size, level) / TILE_WIDTH)) {
        throw new RecordLogError('MISSING_NODE', `root node ${node.level}/${node.index} is not on the edge`);
      }
      return hashFromTile(location, this.#levels[level] ?? []);
    });
    return treeRootFromNodes(size, hashes);
  }
}

/** An entry bundle (C2SP tlog-tiles "Log entries") as stored: its index, width and bytes. */
export interface EntryBundle {
  readonly index: number;
  readonly width: number;
  readonly data: Uint8Array;
}

/**
 * The entry bundles that change when `entries` are appended to a tree of `size` whose partial bundle
 * holds `partial` (its first size mod 256 entries): the partial one at its new width, then new ones.
 */
export function growBundles(
  size: number,
  partial: readonly Uint8Array[],
  entries: readonly Uint8Array[],
): EntryBundle[] {
  if (partial.length !== size % TILE_WIDTH) {
    throw new RecordLogError(
      'MALFORMED_BUNDLE',
      `the partial bundle of a tree of ${size} has ${partial.length} entries`,
    );
  }
  const all = [...partial, ...entries];
  const first = Math.floor(size / TILE_WIDTH);
  const bundles: EntryBundle[] = [];
  for (let at = 0; at < all.length; at += TILE_WIDTH) {
    const chunk = all.slice(at, at + TILE_WIDTH);
    bundles.push({ index: first + at / TILE_WIDTH, width: chunk.length, data: encodeEntryBundle(chunk) });
  }
  // With no new entries nothing changes; the partial bundle as it was is not rewritten.
  return entries.length === 0 ? [] : bundles;
}
