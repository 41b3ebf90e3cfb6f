import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { bytesEqual } from './bytes.ts';
import { signCheckpoint } from './checkpoint.ts';
import { TreeEdge, growBundles } from './edge.ts';
import { RecordLogError } from './errors.ts';
import {
  assignIndexes,
  insertCheckpoint,
  latestCheckpoint,
  partialBundleEntries,
  pendingEntries,
  readTile,
  writeBundles,
  writeTiles,
} from './log.store.ts';
import { leafHash } from './merkle.ts';
import type { NoteSigner } from './note.ts';

/**
 * Integration, the Tessera model's second and third steps (sequence → integrate → checkpoint). Commands
 * stage entries in their own transactions (sequence: a `seq` that says nothing about commit order);
 * `integrate` then, in ONE transaction under an advisory lock,
 *   1. takes the committed entries without an index, in seq order (a transaction still open is invisible,
 *      so its entry simply comes in a later batch: indexes are given here, in integration order, and are
 *      dense by construction — tree size n, then n, n+1, …);
 *   2. grows the tiles and entry bundles from the stored right edge (C2SP tlog-tiles);
 *   3. signs a checkpoint of the new tree (C2SP tlog-checkpoint, signed-note) and stores it.
 * A crash before the commit leaves the entries pending and the tree as it was; after it, everything. So a
 * stored tree never disagrees with a signed checkpoint, and a committed entry is never lost.
 */

/** pg_advisory_xact_lock key of the integrator: ASCII "sxlog". Several instances on one database take turns. */
const INTEGRATOR_LOCK = 0x73786c6f67;

export interface IntegrateDeps {
  readonly db: Db;
  readonly clock: Clock;
  /** Each signs every checkpoint (more than one during a key rotation). */
  readonly signers: readonly NoteSigner[];
  readonly origin: string;
}

export interface Integration {
  /** Tree size after this run. */
  readonly size: number;
  /** Entries given an index in this run. */
  readonly added: number;
  /** The new signed checkpoint, when one was made. */
  readonly checkpoint: string | null;
}

/** At most this many entries per transaction, so a backlog after a long outage is taken in steps. */
export const MAX_BATCH = 16_384;

/** One integration (see above). Makes the empty tree's checkpoint when the log has none. */
export async function integrate(deps: IntegrateDeps, maxBatch = MAX_BATCH): Promise<Integration> {
  return deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${INTEGRATOR_LOCK})`.execute(trx);
    const latest = await latestCheckpoint(trx);
    const pending = await pendingEntries(trx, maxBatch);
    const size = latest?.size ?? 0;
    if (latest && pending.length === 0) return { size, added: 0, checkpoint: null };

    const partials = await Promise.all(
      TreeEdge.partialTilesOf(size).map(async (tile) => ({
        tile,
        hashes: (await readTile(trx, tile.level, tile.index)) ?? [],
      })),
    );
    const edge = TreeEdge.fromPartialTiles(size, partials);
    if (latest && !bytesEqual(edge.root(), latest.root)) {
      throw new RecordLogError('ROOT_MISMATCH', `stored tiles do not hash to the checkpoint of size ${size}`);
    }
    const entries = pending.map((p) => p.entry);
    const bundles = growBundles(size, await partialBundleEntries(trx, size), entries);
    const tiles = edge.grow(entries.map(leafHash));
    const root = edge.root();

    await assignIndexes(
      trx,
      pending.map((p) => p.seq),
      size,
    );
    await writeTiles(trx, tiles);
    await writeBundles(trx, bundles);
    const note = signCheckpoint({ origin: deps.origin, size: edge.size, root, extensions: [] }, deps.signers);
    await insertCheckpoint(trx, { size: edge.size, root, note, signedAt: deps.clock.now() });
    return { size: edge.size, added: pending.length, checkpoint: note };
  });
}

/** Integrates until nothing is pending (the CLI's `sanxiang log integrate`, and tests). */
export async function integrateAll(deps: IntegrateDeps): Promise<Integration> {
  let total = 0;
  for (;;) {
    const run = await integrate(deps);
    total += run.added;
    if (run.added < MAX_BATCH) return { ...run, added: total };
  }
}
