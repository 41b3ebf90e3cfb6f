import { sql } from 'kysely';
import type { AgencyScope } from '../db/agency-scope.ts';
import { inScope, unscoped } from '../db/agency-scope.ts';
import type { Db } from '../db/database.ts';
import type { EntryBundle, TileHashes } from './edge.ts';
import { HASH_SIZE } from './merkle.ts';
import { base64Of, byteaValue, fromBase64 } from '../db/sql-bytes.ts';
import { TILE_WIDTH, decodeEntryBundle, decodeTile, encodeTile } from './tiles.ts';
import type { Tile } from './tiles.ts';

/**
 * The record log's tables (migration 0002). Only this file knows their SQL. Every function takes a `Db`,
 * which may be a transaction. Bytes travel as base64 (see sql-bytes.ts).
 *
 * Tiles are stored one row per (level, index): a partial tile is replaced by the wider one each time the
 * tree grows (a narrower version is a prefix of it: each hash covers only its own leaves, C2SP tlog-tiles),
 * and a full tile is final. A request for `.p/W` is answered by truncating the stored tile, so partial tiles
 * of every earlier checkpoint stay available without keeping one row per width.
 */

export interface StoredCheckpoint {
  readonly size: number;
  readonly root: Uint8Array;
  readonly note: string;
  readonly signedAt: Date;
}

const checkpoints = (db: Db) =>
  db
    .selectFrom('log_checkpoints')
    .select(['size', base64Of('root').as('root'), 'note', 'signed_at'])
    .$castTo<{ size: number; root: string; note: string; signed_at: Date }>();

function toCheckpoint(row: { size: number; root: string; note: string; signed_at: Date }): StoredCheckpoint {
  return { size: Number(row.size), root: fromBase64(row.root), note: row.note, signedAt: row.signed_at };
}

export async function latestCheckpoint(db: Db): Promise<StoredCheckpoint | undefined> {
  const row = await checkpoints(db).orderBy('size', 'desc').limit(1).executeTakeFirst();
  return row && toCheckpoint(row);
}

export async function checkpointOfSize(db: Db, size: number): Promise<StoredCheckpoint | undefined> {
  const row = await checkpoints(db).where('size', '=', size).executeTakeFirst();
  return row && toCheckpoint(row);
}

/** Stored checkpoints with from < size ≤ to, by size (for `sanxiang verify`). */
export async function checkpointsBetween(db: Db, from: number, to: number): Promise<StoredCheckpoint[]> {
  const rows = await checkpoints(db)
    .where('size', '>', from)
    .where('size', '<=', to)
    .orderBy('size')
    .execute();
  return rows.map(toCheckpoint);
}

export async function insertCheckpoint(db: Db, checkpoint: StoredCheckpoint): Promise<void> {
  await db
    .insertInto('log_checkpoints')
    .values({
      size: checkpoint.size,
      root: byteaValue(checkpoint.root),
      note: checkpoint.note,
      signed_at: checkpoint.signedAt,
    })
    .execute();
}

export interface PendingEntry {
  readonly seq: number;
  readonly eventId: string;
  readonly entry: Uint8Array;
  /** The MAC it was staged with (null: none). */
  readonly mac: Uint8Array | null;
  /** Pending when migration 0014 added MACs: staged before them, taken without one. */
  readonly beforeMac: boolean;
  /** The agency its audit row names (for the refusal, when there is one). */
  readonly agencyId: string | null;
}

/** Staged, not integrated and not refused: what the integrator has still to take. */
const notRefused = sql<boolean>`not exists (select 1 from log_entry_refusals r where r.seq = log_entries.seq)`;

/** Whether any committed entry waits for its index (the partial index makes this a tiny lookup). */
export async function hasPendingEntries(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('log_entries')
    .select('seq')
    .where('log_index', 'is', null)
    .where(notRefused)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Committed entries without an index, oldest first. Uncommitted ones are invisible, so never skipped over. */
export async function pendingEntries(db: Db, limit: number): Promise<PendingEntry[]> {
  const rows = await db
    .selectFrom('log_entries')
    .select([
      'seq',
      'event_id',
      base64Of('entry').as('entry'),
      sql<string | null>`encode(mac, 'base64')`.as('mac'),
      sql<boolean>`exists (select 1 from log_entries_before_mac b where b.seq = log_entries.seq)`.as(
        'before_mac',
      ),
      sql<string | null>`(select a.agency_id from audit_events a where a.id = log_entries.event_id)`.as(
        'agency_id',
      ),
    ])
    .where('log_index', 'is', null)
    .where(notRefused)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    eventId: r.event_id,
    entry: fromBase64(r.entry),
    mac: r.mac === null ? null : fromBase64(r.mac),
    beforeMac: r.before_mac,
    agencyId: r.agency_id,
  }));
}

/** Gives the entries `seqs` the indexes first, first + 1, … in that order; each only once. */
export async function assignIndexes(db: Db, seqs: readonly number[], first: number): Promise<void> {
  const indexes = seqs.map((_, i) => first + i);
  const result = await sql`
    update log_entries set log_index = v.idx
    from unnest(${seqs}::bigint[], ${indexes}::bigint[]) as v(seq, idx)
    where log_entries.seq = v.seq and log_entries.log_index is null`.execute(db);
  if (Number(result.numAffectedRows) !== seqs.length) {
    throw new Error('record log: staged entries changed under the integrator');
  }
}

async function storedTile(db: Db, level: number, index: number) {
  const row = await db
    .selectFrom('log_tiles')
    .select(['width', base64Of('data').as('data')])
    .where('level', '=', level)
    .where('tile_index', '=', index)
    .executeTakeFirst();
  return row && { width: Number(row.width), data: fromBase64(row.data) };
}

/** Stored hashes of a tile, at its stored width (possibly wider than asked), or undefined. */
export async function readTile(db: Db, level: number, index: number): Promise<Uint8Array[] | undefined> {
  const row = await storedTile(db, level, index);
  return row && decodeTile(row.data, row.width);
}

/** The raw bytes of a tile at `width` (a prefix of the stored one), or undefined when not stored that wide. */
export async function readTileBytes(db: Db, tile: Tile): Promise<Uint8Array | undefined> {
  const row = await storedTile(db, tile.level, tile.index);
  if (!row || row.width < tile.width) return undefined;
  return row.data.subarray(0, tile.width * HASH_SIZE);
}

/** Level-0 tiles [first, first + count) as stored, in order (for `sanxiang verify`). */
export async function readLevelZeroTiles(db: Db, first: number, count: number) {
  const rows = await db
    .selectFrom('log_tiles')
    .select(['tile_index', 'width', base64Of('data').as('data')])
    .where('level', '=', 0)
    .where('tile_index', '>=', first)
    .where('tile_index', '<', first + count)
    .orderBy('tile_index')
    .execute();
  return rows.map((r) => ({
    index: Number(r.tile_index),
    hashes: decodeTile(fromBase64(r.data), Number(r.width)),
  }));
}

/** Entry bundles [first, first + count) as stored, decoded, in order (for `sanxiang verify`). */
export async function readBundles(db: Db, first: number, count: number) {
  const rows = await db
    .selectFrom('log_entry_bundles')
    .select(['tile_index', 'width', base64Of('data').as('data')])
    .where('tile_index', '>=', first)
    .where('tile_index', '<', first + count)
    .orderBy('tile_index')
    .execute();
  return rows.map((r) => ({
    index: Number(r.tile_index),
    entries: decodeEntryBundle(fromBase64(r.data), Number(r.width)),
  }));
}

/** The raw bytes of the first `width` entries of a bundle, or undefined when not stored that wide. */
export async function readBundleBytes(db: Db, index: number, width: number): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('log_entry_bundles')
    .select(['width', base64Of('data').as('data')])
    .where('tile_index', '=', index)
    .executeTakeFirst();
  if (!row || Number(row.width) < width) return undefined;
  const data = fromBase64(row.data);
  let end = 0;
  for (let i = 0; i < width; i++) end += 2 + ((data[end]! << 8) | data[end + 1]!);
  return data.subarray(0, end);
}

/** Writes tiles that changed; the table's trigger refuses any that would not grow. */
export async function writeTiles(db: Db, tiles: readonly TileHashes[]): Promise<void> {
  if (tiles.length === 0) return;
  await db
    .insertInto('log_tiles')
    .values(
      tiles.map(({ tile, hashes }) => ({
        level: tile.level,
        tile_index: tile.index,
        width: tile.width,
        data: byteaValue(encodeTile(hashes)),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['level', 'tile_index']).doUpdateSet((eb) => ({
        width: eb.ref('excluded.width'),
        data: eb.ref('excluded.data'),
      })),
    )
    .execute();
}

export async function writeBundles(db: Db, bundles: readonly EntryBundle[]): Promise<void> {
  if (bundles.length === 0) return;
  await db
    .insertInto('log_entry_bundles')
    .values(bundles.map((b) => ({ tile_index: b.index, width: b.width, data: byteaValue(b.data) })))
    .onConflict((oc) =>
      oc.column('tile_index').doUpdateSet((eb) => ({
        width: eb.ref('excluded.width'),
        data: eb.ref('excluded.data'),
      })),
    )
    .execute();
}

/** The entries of the partial bundle of a tree of `size` (none when size is a multiple of 256). */
export async function partialBundleEntries(db: Db, size: number): Promise<Uint8Array[]> {
  const width = size % TILE_WIDTH;
  if (width === 0) return [];
  const bytes = await readBundleBytes(db, Math.floor(size / TILE_WIDTH), width);
  if (!bytes) throw new Error(`record log: the entry bundle of a tree of ${size} is missing`);
  return decodeEntryBundle(bytes, width);
}

/**
 * The entry at a log index: the integrated entry row, the same bytes its published bundle holds (`sanxiang
 * verify` checks they agree), read alone rather than decoding a whole 256-entry bundle.
 */
export async function entryAt(db: Db, index: number): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('log_entries')
    .select(base64Of('entry').as('entry'))
    .where('log_index', '=', index)
    .executeTakeFirst();
  return row && fromBase64(row.entry);
}

/** Holds the integrator's advisory lock until the transaction ends: one integration at a time. */
export async function lockForIntegration(db: Db, lock: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${lock})`.execute(db);
}

/** Records that the integrator refused a staged entry (for the agency its audit row names). */
export const insertRefusal = (
  db: Db,
  refusal: {
    id: string;
    seq: number;
    event_id: string;
    agency_id: string | null;
    reason: 'missing_mac' | 'invalid_mac';
    refused_at: Date;
  },
) => db.insertInto('log_entry_refusals').values(refusal).returningAll().executeTakeFirstOrThrow();

/** The name of the agency that recorded an entry (agencies are public; not a business table). */
export const agencyName = async (db: Db, agencyId: string) =>
  (await db.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirst())?.name ??
  null;

/**
 * The log indexes (null while pending) of the entries recording a file by its SHA-256, in log order. The
 * public portal looks a file up knowing no agency: every agency's records are searched.
 */
export const logIndexesOfFileUnscoped = (db: Db, sha256: string) =>
  db
    .selectFrom('audit_events')
    .innerJoin('log_entries', 'log_entries.event_id', 'audit_events.id')
    .select('log_entries.log_index')
    .where('audit_events.file_sha256', '=', sha256)
    .orderBy('log_entries.log_index', 'asc')
    .$call(unscoped)
    .execute();

/** The latest verify run's audit row of an agency (its id is the run's). */
export const latestVerifyRun = (db: Db, scope: AgencyScope, kind: string) =>
  db
    .selectFrom('audit_events')
    .select('id')
    .where('kind', '=', kind)
    .where(inScope('agency_id', scope))
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();

/** The last 50 verify runs of the agencies in scope, newest first, with the name of who ran each. */
export const verifyRuns = (db: Db, scope: AgencyScope, kind: string) =>
  db
    .selectFrom('audit_events')
    .leftJoin('people', (j) =>
      j
        .onRef('people.id', '=', 'audit_events.actor_id')
        .onRef('people.agency_id', '=', 'audit_events.agency_id'),
    )
    .select(['audit_events.id', 'audit_events.at', 'audit_events.record', 'people.name as actor_name'])
    .where(inScope('audit_events.agency_id', scope))
    .where('audit_events.kind', '=', kind)
    .orderBy('audit_events.seq', 'desc')
    .limit(50)
    .execute();
