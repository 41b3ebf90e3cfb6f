import { withCosignatures } from '../../county/witness/cosignature.rules.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { encodeBase64 } from './bytes.ts';
import {
  checkpointOfSize,
  entryAt,
  latestCheckpoint,
  readBundleBytes,
  readTile,
  readTileBytes,
} from './log.store.ts';
import type { StoredCheckpoint } from './log.store.ts';
import { cosignaturesOfSize, latestCosignedSize } from './cosignatures.store.ts';
import { leafHash, type NodeId } from './merkle.ts';
import { consistencyProof, inclusionProof, treeRoot, type HashReader } from './proofs.ts';
import { TILE_WIDTH, tileHashReader } from './tiles.ts';
import type { TileRequest } from './tiles.ts';

/**
 * Reading the record log for the `/log/` routes: the latest checkpoint, tiles and entry bundles as stored,
 * and proofs (RFC 9162 §2.1.3, §2.1.4) computed from stored tiles for people who would rather not fetch
 * tiles themselves. Sizes beyond the latest checkpoint and indexes at or past the size are bad requests.
 */

async function treeSize(db: Db): Promise<StoredCheckpoint> {
  const latest = await latestCheckpoint(db);
  if (!latest) throw new AppError('NOT_FOUND', { detail: '记录日志尚未生成检查点' });
  return latest;
}

export async function currentCheckpoint(db: Db): Promise<string> {
  return (await treeSize(db)).note;
}

/**
 * The checkpoint `/log/checkpoint` serves (docs/county.md "Cosignatures"): the latest signed checkpoint,
 * with every witness cosignature held for its size appended as extra signature lines (C2SP
 * tlog-cosignature); a newer checkpoint not yet cosigned is served without them, at once. With
 * `cosigned`, the latest checkpoint that carries a cosignature instead (404 while none does).
 */
export async function servedCheckpoint(db: Db, options: { cosigned: boolean }): Promise<string> {
  let checkpoint = await treeSize(db);
  if (options.cosigned) {
    const size = await latestCosignedSize(db);
    const cosigned = size === undefined ? undefined : await checkpointOfSize(db, size);
    if (!cosigned) throw new AppError('NOT_FOUND', { detail: '记录日志尚无见证方联署的检查点' });
    checkpoint = cosigned;
  }
  const lines = await cosignaturesOfSize(db, checkpoint.size);
  return withCosignatures(
    checkpoint.note,
    lines.map((c) => c.line),
  );
}

/** The bytes of a tile or entry bundle, or undefined when the tree has none that wide (a 404). */
export async function tileContent(db: Db, request: TileRequest): Promise<Uint8Array | undefined> {
  return request.kind === 'hashes'
    ? readTileBytes(db, request.tile)
    : readBundleBytes(db, request.index, request.width);
}

/**
 * A proof's nodes are complete subtrees (RFC 9162 §2.1.1): once the tree holds their leaves their hashes
 * never change, so each database remembers the ones it computed and a proof rarely re-reads a tile.
 */
const NODE_CACHE_LIMIT = 200_000;
const nodeCaches = new WeakMap<Db, Map<string, Uint8Array>>();

function readerFor(db: Db, size: number): HashReader {
  const tiles = tileHashReader(size, async (tile) => (await readTile(db, tile.level, tile.index)) ?? []);
  const cache = nodeCaches.get(db) ?? new Map<string, Uint8Array>();
  nodeCaches.set(db, cache);
  return {
    async readNodes(ids) {
      const key = (id: NodeId) => `${id.level}/${id.index}`;
      const found = new Map<string, Uint8Array>();
      for (const id of ids) {
        const hash = cache.get(key(id));
        if (hash) found.set(key(id), hash);
      }
      const missing = ids.filter((id) => !found.has(key(id)));
      if (missing.length > 0) {
        const read = await tiles.readNodes(missing);
        if (cache.size + read.length > NODE_CACHE_LIMIT) cache.clear();
        missing.forEach((id, i) => {
          const hash = read[i];
          if (!hash) return;
          found.set(key(id), hash);
          cache.set(key(id), hash);
        });
      }
      return ids.map((id) => {
        const hash = found.get(key(id));
        if (!hash) throw new Error(`node ${key(id)} was not read`);
        return hash;
      });
    },
  };
}

function outOfRange(detail: string): AppError {
  return new AppError('LOG_INDEX_OUT_OF_RANGE', { detail });
}

async function rootOf(db: Db, size: number): Promise<{ root: Uint8Array; checkpoint: string | null }> {
  const stored = await checkpointOfSize(db, size);
  if (stored) return { root: stored.root, checkpoint: stored.note };
  return { root: await treeRoot(size, readerFor(db, size)), checkpoint: null };
}

export interface InclusionProof {
  index: number;
  size: number;
  /** The entry (RFC 8785 JSON text) and its RFC 6962 leaf hash. */
  entry: string;
  leafHash: string;
  proof: string[];
  root: string;
  /** The signed checkpoint of this size, when one was signed (the root to trust is in it). */
  checkpoint: string | null;
}

export async function inclusionProofFor(db: Db, index: number, size?: number): Promise<InclusionProof> {
  const latest = await treeSize(db);
  const n = size ?? latest.size;
  if (n > latest.size) throw outOfRange(`树的大小为 ${latest.size}，没有大小为 ${n} 的树`);
  if (index >= n) throw outOfRange(`索引 ${index} 不小于树的大小 ${n}`);
  const entry = await entryAt(db, index);
  if (!entry) throw new AppError('NOT_FOUND', { detail: `没有索引为 ${index} 的记录` });
  const [proof, { root, checkpoint }] = await Promise.all([
    inclusionProof(index, n, readerFor(db, n)),
    rootOf(db, n),
  ]);
  return {
    index,
    size: n,
    entry: new TextDecoder().decode(entry),
    leafHash: encodeBase64(leafHash(entry)),
    proof: proof.map(encodeBase64),
    root: encodeBase64(root),
    checkpoint,
  };
}

/**
 * The entries at `indexes` and their inclusion proofs in the tree of `size` (which must be a stored
 * checkpoint's size): what a pushed batch carries (docs/county-push.md "The sender", step 3).
 */
export async function inclusionProofsAt(
  db: Db,
  indexes: readonly number[],
  size: number,
): Promise<{ index: number; entry: Uint8Array; proof: Uint8Array[] }[]> {
  if (!(await checkpointOfSize(db, size))) throw outOfRange(`没有大小为 ${size} 的已签名检查点`);
  const reader = readerFor(db, size);
  const proofs = [];
  for (const index of indexes) {
    if (index >= size) throw outOfRange(`索引 ${index} 不小于树的大小 ${size}`);
    const entry = await entryAt(db, index);
    if (!entry) throw new AppError('NOT_FOUND', { detail: `没有索引为 ${index} 的记录` });
    proofs.push({ index, entry, proof: await inclusionProof(index, size, reader) });
  }
  return proofs;
}

export interface ConsistencyProof {
  from: number;
  to: number;
  proof: string[];
  fromRoot: string;
  toRoot: string;
}

export async function consistencyProofFor(db: Db, from: number, to?: number): Promise<ConsistencyProof> {
  const latest = await treeSize(db);
  const n = to ?? latest.size;
  if (n > latest.size) throw outOfRange(`树的大小为 ${latest.size}，没有大小为 ${n} 的树`);
  if (from > n) throw outOfRange(`起始大小 ${from} 大于结束大小 ${n}`);
  const [proof, older, newer] = await Promise.all([
    consistencyProof(from, n, readerFor(db, n)),
    rootOf(db, from),
    rootOf(db, n),
  ]);
  return {
    from,
    to: n,
    proof: proof.map(encodeBase64),
    fromRoot: encodeBase64(older.root),
    toRoot: encodeBase64(newer.root),
  };
}

/** Whether a tile request names a full tile or bundle, which never changes (C2SP tlog-tiles). */
export const isFullTile = (request: TileRequest): boolean =>
  (request.kind === 'hashes' ? request.tile.width : request.width) === TILE_WIDTH;
