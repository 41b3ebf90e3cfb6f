import type { Db } from '../db/database.ts';
import { bytesEqual } from './bytes.ts';
import { parseCheckpoint } from './checkpoint.ts';
import { TreeEdge, type TileHashes } from './edge.ts';
import { checkpointsBetween, readBundles, readLevelZeroTiles, readTile } from './log.store.ts';
import { HASH_SIZE, leafHash } from './merkle.ts';
import { TILE_WIDTH } from './tiles.ts';
import { auditRowProblem, type Problem } from './verify-rows.ts';
import { entryRowsUnscoped } from './verify.store.ts';

/**
 * One pass over the log in index order, the heart of `sanxiang verify`: every staged entry against its
 * audit row; the leaf hashes against the stored level-0 tiles and entry bundles; the tree rebuilt from the
 * entries (a `TreeEdge`) against every stored higher tile, every stored checkpoint's root, the latest
 * signed root and the older checkpoint given. Memory stays flat: a page of entries and the right edge.
 *
 * When entries and tiles disagree, which is wrong is decided by the signed root: entries that rebuild it
 * are authentic, so the tile row was changed; otherwise the entry row was.
 */

const PAGE_TILES = 16;
const PAGE = PAGE_TILES * TILE_WIDTH;

export interface TreeTarget {
  readonly size: number;
  readonly root: Uint8Array;
  /** An older checkpoint's size and root that the tree must extend (`--checkpoint FILE`). */
  readonly older?: { readonly size: number; readonly root: Uint8Array };
}

interface Mismatch {
  readonly index: number;
  readonly seq: number | null;
}

export async function verifyTree(
  db: Db,
  target: TreeTarget,
  onProgress: (done: number) => void,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const edge = TreeEdge.empty();
  let leafVsTile: Mismatch | undefined;
  let bundleMismatch: number | undefined;
  const auditProblems: Problem[] = [];
  const higherTiles: TileHashes[] = [];
  // Higher tiles rebuilt from changed entries differ from the stored ones as a consequence: they are
  // reported only when the entries rebuild the signed root (then a differing tile was itself changed).
  const higherTileProblems: Problem[] = [];
  const checkRoot = (size: number, root: Uint8Array, table: string, id: string, what: string) => {
    if (edge.size === size && !bytesEqual(edge.root(), root)) {
      problems.push({ table, id, index: size - 1, message: `${what}与重算的树根不一致` });
    }
  };

  // The next page is read while this one is checked (on PostgreSQL the two overlap).
  let next = target.size > 0 ? readPage(db, 0, Math.min(target.size, PAGE)) : undefined;
  for (let from = 0; from < target.size; from += PAGE) {
    const to = Math.min(target.size, from + PAGE);
    const [rows, tiles, bundles, checkpoints] = await next!;
    next = to < target.size ? readPage(db, to, Math.min(target.size, to + PAGE)) : undefined;
    const tileAt = new Map(tiles.map((t) => [t.index, t.hashes]));
    const bundleAt = new Map(bundles.map((b) => [b.index, b.entries]));
    const rowAt = new Map(rows.map((r) => [r.log_index, r]));
    const checkpointAt = new Map(checkpoints.map((c) => [c.size, c.root]));
    for (let index = from; index < to; index++) {
      const row = rowAt.get(index);
      const tileHash = tileAt.get(Math.floor(index / TILE_WIDTH))?.[index % TILE_WIDTH];
      if (!row) {
        problems.push({
          table: 'log_entries',
          id: `log_index=${index}`,
          index,
          message: '日志中缺少这一条目',
        });
        edge.append([tileHash ?? new Uint8Array(HASH_SIZE)], (t) => higherTiles.push(t));
        continue;
      }
      const leaf = row.leaf;
      if (!leafVsTile && !(tileHash && bytesEqual(tileHash, leaf))) leafVsTile = { index, seq: row.seq };
      const bundled = bundleAt.get(Math.floor(index / TILE_WIDTH))?.[index % TILE_WIDTH];
      if (bundleMismatch === undefined && !(bundled && bytesEqual(leafHash(bundled), leaf))) {
        bundleMismatch = index;
      }
      const audit = auditRowProblem(row);
      if (audit) auditProblems.push({ table: 'audit_events', id: row.id, index, message: audit });
      edge.append([leaf], (t) => higherTiles.push(t));
      if (target.older)
        checkRoot(target.older.size, target.older.root, 'checkpoint', '--checkpoint', '给定的旧检查点');
      const stored = checkpointAt.get(edge.size);
      if (stored) checkRoot(edge.size, stored, 'log_checkpoints', `size=${edge.size}`, '保存的检查点');
    }
    higherTileProblems.push(...(await compareHigherTiles(db, higherTiles.splice(0))));
    onProgress(to);
  }

  const authentic = bytesEqual(edge.root(), target.root);
  if (authentic) problems.push(...higherTileProblems);
  if (!authentic) {
    problems.push(
      leafVsTile
        ? {
            table: 'log_entries',
            id: `seq=${leafVsTile.seq}`,
            index: leafVsTile.index,
            message: `log_index=${leafVsTile.index} 的条目与已发布的瓦片不一致（条目被改动）`,
          }
        : {
            table: 'log_checkpoints',
            id: `size=${target.size}`,
            index: target.size - 1,
            message: '条目与瓦片一致，但都不能重算出已签名的树根',
          },
    );
  } else if (leafVsTile) {
    const tile = Math.floor(leafVsTile.index / TILE_WIDTH);
    problems.push({
      table: 'log_tiles',
      id: `level=0 tile_index=${tile}`,
      index: leafVsTile.index,
      message: '瓦片与能重算出已签名树根的条目不一致（瓦片被改动或缺失）',
    });
  }
  if (bundleMismatch !== undefined && authentic) {
    const bundle = Math.floor(bundleMismatch / TILE_WIDTH);
    problems.push({
      table: 'log_entry_bundles',
      id: `tile_index=${bundle}`,
      index: bundleMismatch,
      message: '记录包与条目不一致（记录包被改动或缺失）',
    });
  }
  // An audit row is judged against an authentic entry; a changed entry was reported above.
  const changedEntry = !authentic && leafVsTile ? leafVsTile.index : undefined;
  problems.push(...auditProblems.filter((p) => p.index !== changedEntry));
  if (authentic) problems.push(...(await comparePartialTiles(db, edge)));
  if (target.older && target.older.size > target.size) {
    problems.push({
      table: 'checkpoint',
      id: '--checkpoint',
      message: `给定的旧检查点（大小 ${target.older.size}）大于当前日志（${target.size}）`,
    });
  }
  return problems;
}

function readPage(db: Db, from: number, to: number) {
  const page = Promise.all([
    entryRowsUnscoped(db, { from, to }),
    readLevelZeroTiles(db, from / TILE_WIDTH, PAGE_TILES),
    readBundles(db, from / TILE_WIDTH, PAGE_TILES),
    storedCheckpoints(db, from, to),
  ]);
  page.catch(() => undefined); // awaited later; marked handled so a failure elsewhere first is not unhandled
  return page;
}

/** Stored checkpoints in (from, to]; a row whose root is not the one its note states gets a zero root. */
async function storedCheckpoints(db: Db, from: number, to: number) {
  const rows = await checkpointsBetween(db, from, to);
  return rows.map((r) => {
    // The signature is checked for the latest checkpoint only; here the note text must state this root.
    let noteRoot: Uint8Array | null = null;
    try {
      const parsed = parseCheckpoint(r.note.slice(0, r.note.lastIndexOf('\n\n') + 1));
      if (parsed.size === r.size) noteRoot = parsed.root;
    } catch {
      noteRoot = null;
    }
    return {
      size: r.size,
      root: noteRoot && bytesEqual(noteRoot, r.root) ? r.root : new Uint8Array(HASH_SIZE),
    };
  });
}

async function compareHigherTiles(db: Db, tiles: readonly TileHashes[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const { tile, hashes } of tiles.filter((t) => t.tile.level > 0)) {
    const stored = await readTile(db, tile.level, tile.index);
    if (!stored || stored.length !== hashes.length || hashes.some((h, i) => !bytesEqual(h, stored[i]!))) {
      const index = tile.index * TILE_WIDTH ** (tile.level + 1);
      problems.push({
        table: 'log_tiles',
        id: `level=${tile.level} tile_index=${tile.index}`,
        index,
        message: '瓦片与重算结果不一致',
      });
    }
  }
  return problems;
}

/** The partial tiles above level 0 of the verified size (level 0 was compared entry by entry). */
async function comparePartialTiles(db: Db, edge: TreeEdge): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const { tile, hashes } of edge.partialTiles().filter((t) => t.tile.level > 0)) {
    const stored = await readTile(db, tile.level, tile.index);
    if (!stored || stored.length < hashes.length || hashes.some((h, i) => !bytesEqual(h, stored[i]!))) {
      const index = tile.index * TILE_WIDTH ** (tile.level + 1);
      problems.push({
        table: 'log_tiles',
        id: `level=${tile.level} tile_index=${tile.index}`,
        index,
        message: '部分瓦片与重算结果不一致',
      });
    }
  }
  return problems;
}
