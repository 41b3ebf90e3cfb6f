import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';

/**
 * The witness's tables (migration 0026): instance-wide, the platform's own — no agency_id, so no agency
 * scope. Rows are only ever inserted (a trigger refuses update and delete).
 */

export const logByOrigin = (db: Db, origin: string) =>
  db.selectFrom('witness_logs').selectAll().where('origin', '=', origin).executeTakeFirst();

/**
 * The log's row, locked until the transaction ends: add-checkpoint calls for one log then check the held
 * checkpoint and store the next one one after the other (tlog-witness: the check and the update are
 * atomic). Undefined for an unknown origin.
 */
export const lockLog = (db: Db, origin: string) =>
  db.selectFrom('witness_logs').selectAll().where('origin', '=', origin).forUpdate().executeTakeFirst();

/** The latest checkpoint held for a log: the largest size. */
export const latestCheckpoint = (db: Db, origin: string) =>
  db
    .selectFrom('witness_checkpoints')
    .select(['size', 'root_hash', 'note'])
    .where('origin', '=', origin)
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();

export const insertLog = (db: Db, values: Insertable<DB['witness_logs']>) =>
  db.insertInto('witness_logs').values(values).returningAll().executeTakeFirstOrThrow();

export const insertCheckpoint = (db: Db, values: Insertable<DB['witness_checkpoints']>) =>
  db.insertInto('witness_checkpoints').values(values).returningAll().executeTakeFirstOrThrow();

export const insertAlert = (db: Db, values: Insertable<DB['witness_alerts']>) =>
  db.insertInto('witness_alerts').values(values).returningAll().executeTakeFirstOrThrow();
