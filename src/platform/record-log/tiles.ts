import { RecordLogError } from './errors.ts';
import type { NodeId } from './merkle.ts';
import { HASH_SIZE, assertSize, rootFromLeafHashes } from './merkle.ts';
import type { HashReader } from './proofs.ts';

/**
 * C2SP tlog-tiles: how the tree is cut into tiles, their paths, and their bytes.
 *
 * A tile at level L (0 ≤ L ≤ 63) and index N holds up to 256 consecutive hashes of tree level 8·L; hash i
 * is MTH(D[(N·256+i)·256^L : (N·256+i+1)·256^L]). Level 0 tiles hold leaf hashes. A tile with fewer than
 * 256 hashes is partial, served at `.p/<W>`, and MUST NOT be hashed into the level above.
 * Entry bundles are the level-0 tiles' entries, each prefixed by a big-endian uint16 length.
 */

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;
export const MAX_TILE_LEVEL = 63;
export const MAX_ENTRY_SIZE = 0xffff;

/** A tile, full when width is 256. */
export interface Tile {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** What a GET under the log prefix asks for. */
export type TileRequest =
  | { readonly kind: 'hashes'; readonly tile: Tile }
  | { readonly kind: 'entries'; readonly index: number; readonly width: number };

/** `N` as zero-padded 3-digit path elements, all but the last prefixed `x`: 1234067 → `x001/x234/067`. */
function encodeIndex(index: number): string {
  const groups: string[] = [];
  do {
    groups.unshift(String(index % 1000).padStart(3, '0'));
    index = Math.floor(index / 1000);
  } while (index > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function widthSuffix(width: number): string {
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/** `tile/<L>/<N>[.p/<W>]` (C2SP tlog-tiles "Merkle Tree"), relative to the log prefix. */
export function tilePath(tile: Tile): string {
  return `tile/${tile.level}/${encodeIndex(tile.index)}${widthSuffix(tile.width)}`;
}

/** `tile/entries/<N>[.p/<W>]` (C2SP tlog-tiles "Log entries"), relative to the log prefix. */
export function entryBundlePath(index: number, width: number): string {
  return `tile/entries/${encodeIndex(index)}${widthSuffix(width)}`;
}

const TILE_PATH =
  /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/){0,5}[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/**
 * Parses a request path relative to the log prefix (`tile/…`, no leading slash). Returns null for
 * anything that is not the one canonical spelling: a level above 63 or with leading zeros, a width of 0,
 * 256 or more or with leading zeros, a needless leading `x000/` group, non-digits, an index above 2^53.
 */
export function parseTilePath(path: string): TileRequest | null {
  if (path.length > 64) return null;
  const match = TILE_PATH.exec(path);
  if (!match) return null;
  const [, level, n, w] = match;
  const index = Number(n!.replaceAll(/[x/]/g, ''));
  const width = w === undefined ? TILE_WIDTH : Number(w);
  if (w !== undefined && width >= TILE_WIDTH) return null;
  if (!Number.isSafeInteger(index) || encodeIndex(index) !== n) return null;
  if (level === 'entries') return { kind: 'entries', index, width };
  const tile = { level: Number(level), index, width };
  return tile.level <= MAX_TILE_LEVEL ? { kind: 'hashes', tile } : null;
}

/** How many hashes tree level 8·L has in a tree of `size`: floor(size / 256^L). */
function hashesAtTileLevel(level: number, size: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/** The tiles of one level: `full` full tiles then, when `partialWidth` > 0, one partial tile. */
export interface TileLevel {
  readonly level: number;
  readonly full: number;
  readonly partialWidth: number;
}

/** The tiles a tree of `size` is made of, per level (size 70,000: 273 + .p/112, 1 + .p/17, 0 + .p/1). */
export function tileLevels(size: number): TileLevel[] {
  assertSize(size, 'tree size');
  const levels: TileLevel[] = [];
  for (let level = 0; hashesAtTileLevel(level, size) > 0; level++) {
    const hashes = hashesAtTileLevel(level, size);
    levels.push({ level, full: Math.floor(hashes / TILE_WIDTH), partialWidth: hashes % TILE_WIDTH });
  }
  return levels;
}

/**
 * Whether `tile` can be served for a tree of `size`. A partial tile is a prefix of every later version of
 * its tile (each hash covers only its own entries), so a partial tile of an earlier checkpoint can still
 * be served by truncating the current tile. The same holds for entry bundles with level 0.
 */
export function tileExists(tile: Tile, size: number): boolean {
  return (
    tile.width >= 1 &&
    tile.width <= TILE_WIDTH &&
    tile.index * TILE_WIDTH + tile.width <= hashesAtTileLevel(tile.level, size)
  );
}

/** The tiles (full or partial, at their `newSize` width) whose contents change when the tree grows. */
export function tilesChanged(oldSize: number, newSize: number): Tile[] {
  assertSize(oldSize, 'old size');
  assertSize(newSize, 'new size');
  const tiles: Tile[] = [];
  for (let level = 0; hashesAtTileLevel(level, newSize) > 0; level++) {
    const [before, after] = [hashesAtTileLevel(level, oldSize), hashesAtTileLevel(level, newSize)];
    if (after <= before) continue;
    for (let index = Math.floor(before / TILE_WIDTH); index * TILE_WIDTH < after; index++) {
      tiles.push({ level, index, width: Math.min(TILE_WIDTH, after - index * TILE_WIDTH) });
    }
  }
  return tiles;
}

/** A tile's hashes computed from all leaf hashes of the tree (for tests and `sanxiang verify`). */
export function tileHashesFromLeafHashes(tile: Tile, leafHashes: readonly Uint8Array[]): Uint8Array[] {
  const span = TILE_WIDTH ** tile.level;
  const first = tile.index * TILE_WIDTH;
  if ((first + tile.width) * span > leafHashes.length) {
    throw new RecordLogError(
      'MISSING_NODE',
      `tile ${tilePath(tile)} needs more than ${leafHashes.length} leaves`,
    );
  }
  return Array.from({ length: tile.width }, (_, i) =>
    rootFromLeafHashes(leafHashes.slice((first + i) * span, (first + i + 1) * span)),
  );
}

/** The hash a full tile contributes to the tile level above it: MTH of its 256 hashes. */
export function tileRoot(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length !== TILE_WIDTH)
    throw new RecordLogError('MALFORMED_TILE', 'only full tiles go up a level');
  return rootFromLeafHashes(hashes);
}

export function encodeTile(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length < 1 || hashes.length > TILE_WIDTH || hashes.some((h) => h.length !== HASH_SIZE)) {
    throw new RecordLogError('MALFORMED_TILE', 'a tile holds 1 to 256 hashes of 32 bytes');
  }
  return new Uint8Array(Buffer.concat(hashes));
}

export function decodeTile(bytes: Uint8Array, width: number): Uint8Array[] {
  if (width < 1 || width > TILE_WIDTH || bytes.length !== width * HASH_SIZE) {
    throw new RecordLogError('MALFORMED_TILE', `a tile of width ${width} must be ${width * HASH_SIZE} bytes`);
  }
  return Array.from({ length: width }, (_, i) => bytes.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
}

export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length < 1 || entries.length > TILE_WIDTH) {
    throw new RecordLogError('MALFORMED_BUNDLE', 'an entry bundle holds 1 to 256 entries');
  }
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    if (entry.length > MAX_ENTRY_SIZE) {
      throw new RecordLogError(
        'ENTRY_TOO_LARGE',
        `an entry is ${entry.length} bytes, at most ${MAX_ENTRY_SIZE}`,
      );
    }
    parts.push(Uint8Array.of(entry.length >> 8, entry.length & 0xff), entry);
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** Splits a bundle into its entries; `width`, when given, is the number of entries it must hold. */
export function decodeEntryBundle(bytes: Uint8Array, width?: number): Uint8Array[] {
  const entries: Uint8Array[] = [];
  for (let at = 0; at < bytes.length;) {
    if (at + 2 > bytes.length || entries.length === TILE_WIDTH) {
      throw new RecordLogError('MALFORMED_BUNDLE', 'entry bundle is truncated or too long');
    }
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    if (at + 2 + length > bytes.length)
      throw new RecordLogError('MALFORMED_BUNDLE', 'entry bundle is truncated');
    entries.push(bytes.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  if (entries.length === 0 || (width !== undefined && entries.length !== width)) {
    throw new RecordLogError(
      'MALFORMED_BUNDLE',
      `entry bundle has ${entries.length} entries, want ${width ?? '1+'}`,
    );
  }
  return entries;
}

/**
 * Where a complete-subtree node lives: node (l, n) with l = 8·t + r is the MTH of the 2^r hashes of tree
 * level 8·t starting at n·2^r, all inside one level-t tile (2^r ≤ 128 divides 256). `tile.width` is the
 * tile's width in a tree of `size`; any later (wider) version of the tile serves as well.
 */
export interface NodeLocation {
  readonly tile: Tile;
  readonly start: number;
  readonly count: number;
}

export function locateNode(node: NodeId, size: number): NodeLocation {
  const level = Math.floor(node.level / TILE_HEIGHT);
  const count = 2 ** (node.level % TILE_HEIGHT);
  const first = node.index * count;
  const index = Math.floor(first / TILE_WIDTH);
  const start = first % TILE_WIDTH;
  const width = Math.min(TILE_WIDTH, hashesAtTileLevel(level, size) - index * TILE_WIDTH);
  if (start + count > width) {
    throw new RecordLogError(
      'MISSING_NODE',
      `node ${node.level}/${node.index} is not complete in a tree of ${size}`,
    );
  }
  return { tile: { level, index, width }, start, count };
}

export function hashFromTile(location: NodeLocation, tileHashes: readonly Uint8Array[]): Uint8Array {
  const { start, count } = location;
  if (tileHashes.length < start + count) {
    throw new RecordLogError(
      'MISSING_NODE',
      `tile ${tilePath(location.tile)} has only ${tileHashes.length} hashes`,
    );
  }
  return rootFromLeafHashes(tileHashes.slice(start, start + count));
}

/**
 * A HashReader over stored tiles for a tree of `size`: reads each tile the nodes need once (in parallel),
 * then computes the nodes from them. `readTile` may return a wider version of the tile than asked for.
 */
export function tileHashReader(size: number, readTile: (tile: Tile) => Promise<Uint8Array[]>): HashReader {
  return {
    async readNodes(ids) {
      const locations = ids.map((id) => locateNode(id, size));
      const byPath = new Map(locations.map((l) => [tilePath(l.tile), l.tile]));
      const read = await Promise.all(
        [...byPath].map(async ([path, tile]) => [path, await readTile(tile)] as const),
      );
      const tiles = new Map(read);
      return locations.map((l) => hashFromTile(l, tiles.get(tilePath(l.tile)) ?? []));
    },
  };
}
