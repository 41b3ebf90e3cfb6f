import { recordInTransaction, systemActor } from '../audit/command.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../ids.ts';
import { bytesEqual } from './bytes.ts';
import { signCheckpoint } from './checkpoint.ts';
import { TreeEdge, growBundles } from './edge.ts';
import { RecordLogError } from './errors.ts';
import {
  insertRefusal,
  lockForIntegration,
  assignIndexes,
  insertCheckpoint,
  latestCheckpoint,
  partialBundleEntries,
  pendingEntries,
  readTile,
  type PendingEntry,
  writeBundles,
  writeTiles,
} from './log.store.ts';
import { leafHash } from './merkle.ts';
import type { NoteSigner } from './note.ts';
import type { StagingKey } from './staging-key.ts';

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
 *
 * An entry whose MAC under the staging key does not verify (staging-key.ts: it was written into the
 * database by something other than a command) is refused in step 1, in the same transaction: it gets no
 * index, a `log_entry_refusals` row and an audit event `record_log.entry_refused` (itself a staged entry,
 * integrated in the next run), and the entries after it go on as usual.
 */

/** pg_advisory_xact_lock key of the integrator: ASCII "sxlog". Several instances on one database take turns. */
const INTEGRATOR_LOCK = 0x73786c6f67;

export interface IntegrateDeps {
  readonly db: Db;
  readonly clock: Clock;
  /** Each signs every checkpoint (more than one during a key rotation). */
  readonly signers: readonly NoteSigner[];
  readonly origin: string;
  /** Checks each staged entry's MAC, and MACs the refusal events. */
  readonly staging: StagingKey;
}

export interface Integration {
  /** Tree size after this run. */
  readonly size: number;
  /** Entries given an index in this run. */
  readonly added: number;
  /** Staged entries refused in this run (no valid MAC). */
  readonly refused: number;
  /** The new signed checkpoint, when one was made. */
  readonly checkpoint: string | null;
}

/** At most this many entries per transaction, so a backlog after a long outage is taken in steps. */
export const MAX_BATCH = 16_384;

/** One integration (see above). Makes the empty tree's checkpoint when the log has none. */
export async function integrate(deps: IntegrateDeps, maxBatch = MAX_BATCH): Promise<Integration> {
  return deps.db.transaction().execute(async (trx) => {
    await lockForIntegration(trx, INTEGRATOR_LOCK);
    const latest = await latestCheckpoint(trx);
    const staged = await pendingEntries(trx, maxBatch);
    const pending: PendingEntry[] = [];
    let refused = 0;
    for (const entry of staged) {
      const reason = refusalReason(entry, deps.staging);
      if (reason === null) pending.push(entry);
      else {
        await refuse(trx, deps, entry, reason);
        refused++;
      }
    }
    const size = latest?.size ?? 0;
    if (latest && pending.length === 0) return { size, added: 0, refused, checkpoint: null };

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
    return { size: edge.size, added: pending.length, refused, checkpoint: note };
  });
}

/** Why a staged entry may not enter the log, or null when it may. */
function refusalReason(entry: PendingEntry, staging: StagingKey): 'missing_mac' | 'invalid_mac' | null {
  if (entry.mac === null) return entry.beforeMac ? null : 'missing_mac';
  return staging.verify(entry.eventId, entry.entry, entry.mac) ? null : 'invalid_mac';
}

async function refuse(
  trx: Parameters<typeof recordInTransaction>[0],
  deps: IntegrateDeps,
  entry: PendingEntry,
  reason: 'missing_mac' | 'invalid_mac',
): Promise<void> {
  const now = deps.clock.now();
  const row = await insertRefusal(trx, {
    id: newId(),
    seq: entry.seq,
    event_id: entry.eventId,
    agency_id: entry.agencyId,
    reason,
    refused_at: now,
  });
  await recordInTransaction(trx, deps.staging, systemActor, now, {
    kind: 'record_log.entry_refused',
    agencyId: entry.agencyId,
    subjectType: 'log_entry_refusal',
    subjectId: row.id,
    record: row,
    changes: [reason],
  });
}

/** Integrates until nothing is pending (the CLI's `sanxiang log integrate`, and tests). */
export async function integrateAll(deps: IntegrateDeps): Promise<Integration> {
  let total = 0;
  let refused = 0;
  for (;;) {
    const run = await integrate(deps);
    total += run.added;
    refused += run.refused;
    // A refusal stages its own event: one more run takes it.
    if (run.added < MAX_BATCH && run.refused === 0) return { ...run, added: total, refused };
  }
}
