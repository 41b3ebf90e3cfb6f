import { sql, type Insertable, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { byteaValue } from '../record-log/sql-bytes.ts';

/**
 * The one write path's own SQL (src/platform/audit/command.ts): the audit row with its staged record-log
 * entry, and the savepoint a command's refusal rolls back to.
 */

/** The audit row and its staged log entry, in one statement (a data-modifying CTE saves a round trip). The
 * audit row carries its agency (`agency_id`, null for an instance-wide event). */
export async function insertAuditEvent(
  trx: Transaction<DB>,
  audit: Omit<Insertable<DB['audit_events']>, 'salt'> & { id: string; salt: Uint8Array },
  entry: { entry: Uint8Array; mac: Uint8Array },
): Promise<void> {
  await trx
    .with('audit', (db) =>
      db
        .insertInto('audit_events')
        .values({ ...audit, salt: byteaValue(audit.salt) })
        .returning('id'),
    )
    .insertInto('log_entries')
    .values({ event_id: audit.id, entry: byteaValue(entry.entry), mac: byteaValue(entry.mac) })
    .execute();
}

const SAVEPOINT = sql.raw('sanxiang_command_start');

/** Marks the start of a command's own writes (a refusal rolls back to it, keeping the transaction). */
export async function commandSavepoint(trx: Transaction<DB>): Promise<void> {
  await sql`savepoint ${SAVEPOINT}`.execute(trx);
}

/** Undoes every write of the command since its savepoint; the transaction goes on (its refusal record). */
export async function rollbackToCommandStart(trx: Transaction<DB>): Promise<void> {
  await sql`rollback to savepoint ${SAVEPOINT}`.execute(trx);
}
