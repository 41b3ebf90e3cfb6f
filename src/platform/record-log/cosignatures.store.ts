import type { Db } from '../db/database.ts';

/**
 * Witnesses' cosignatures of this instance's checkpoints (`log_cosignatures`, migration 0027). Instance-wide
 * like the log itself (no agency_id). They verify themselves — each line is checked against the pinned
 * witness key before it is stored, and again by `sanxiang verify --witness-key` — so they are stored
 * without a command: recording one would make a log entry, hence a new checkpoint to cosign, forever.
 */
export interface StoredCosignature {
  readonly size: number;
  /** The witness's key name. */
  readonly witness: string;
  readonly line: string;
  readonly receivedAt: Date;
}

const toCosignature = (r: { size: number; witness: string; line: string; received_at: Date }) => ({
  size: Number(r.size),
  witness: r.witness,
  line: r.line,
  receivedAt: r.received_at,
});

/** Keeps a verified cosignature; one per (size, witness): a second of the same is ignored. */
export async function insertCosignature(db: Db, cosignature: StoredCosignature): Promise<boolean> {
  const result = await db
    .insertInto('log_cosignatures')
    .values({
      size: cosignature.size,
      witness: cosignature.witness,
      line: cosignature.line,
      received_at: cosignature.receivedAt,
    })
    .onConflict((oc) => oc.columns(['size', 'witness']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The cosignatures held for a tree size, by witness name. */
export async function cosignaturesOfSize(db: Db, size: number): Promise<StoredCosignature[]> {
  const rows = await db
    .selectFrom('log_cosignatures')
    .selectAll()
    .where('size', '=', size)
    .orderBy('witness')
    .execute();
  return rows.map(toCosignature);
}

/** The largest size cosigned (by `witness`, or by any witness), or undefined when none is. */
export async function latestCosignedSize(db: Db, witness?: string): Promise<number | undefined> {
  let query = db.selectFrom('log_cosignatures').select('size');
  if (witness !== undefined) query = query.where('witness', '=', witness);
  const row = await query.orderBy('size', 'desc').limit(1).executeTakeFirst();
  return row && Number(row.size);
}

/** The latest cosignature by `witness`, or undefined. */
export async function latestCosignature(db: Db, witness: string): Promise<StoredCosignature | undefined> {
  const row = await db
    .selectFrom('log_cosignatures')
    .selectAll()
    .where('witness', '=', witness)
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toCosignature(row);
}
