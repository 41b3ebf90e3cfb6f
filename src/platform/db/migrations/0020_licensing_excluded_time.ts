import { sql, type Kysely } from 'kysely';

/**
 * The time a licensing decision period does not run (行政许可法 §45: hearing, tender, auction, inspection,
 * testing, quarantine, appraisal, expert review), typed, kept apart from the case's suspensions. Spans are
 * only ever added: a correction is a new span, never an edit of an old one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cases add column excluded_time jsonb not null default '[]'`.execute(db);
}
