import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Problem } from './verify-rows.ts';
import { subjectTables } from './subject-tables.ts';

/**
 * Which agency a problem of `sanxiang verify` is about, so that an agency's run from the workbench reports
 * its own rows only (issue 10 item 4; the security sweep's L8): an audit row or its log entry belongs to
 * the event's agency, a business row to its agency (a deleted one to the agency its records name). The
 * tree itself — checkpoints, tiles, bundles — and instance-wide rows such as the calendar's notices
 * belong to every agency alike: `null`. The CLI (`sanxiang verify`) still reports everything.
 */
const businessTables: ReadonlySet<string> = new Set(Object.values(subjectTables));
const instanceTables: ReadonlySet<string> = new Set(['calendar_notices']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function first(db: Db, query: ReturnType<typeof sql<{ agency_id: string | null }>>) {
  const result = await query.execute(db);
  return result.rows[0]?.agency_id ?? null;
}

export async function agencyOfProblem(db: Db, problem: Problem): Promise<string | null> {
  const { table, id } = problem;
  if (table === 'audit_events' && UUID.test(id)) {
    return first(db, sql`select agency_id::text as agency_id from audit_events where id = ${id}::uuid`);
  }
  if (table === 'log_entries') {
    const at = /^(seq|log_index)=(\d+)$/.exec(id);
    if (!at) return null;
    const column = at[1] === 'seq' ? sql.ref('e.seq') : sql.ref('e.log_index');
    return first(
      db,
      sql`select a.agency_id::text as agency_id from log_entries e join audit_events a on a.id = e.event_id
          where ${column} = ${Number(at[2])}`,
    );
  }
  if (!businessTables.has(table) || instanceTables.has(table) || !UUID.test(id)) return null;
  const own = await first(
    db,
    sql`select agency_id::text as agency_id from ${sql.table(table)} where id = ${id}::uuid`,
  );
  if (own !== null) return own;
  // A deleted row: the agency its records were written for.
  return first(
    db,
    sql`select agency_id::text as agency_id from audit_events where subject_id = ${id}
        order by seq desc limit 1`,
  );
}

/** The problems an agency's run reports: those of its own rows, and those of the shared log itself. */
export async function problemsOfAgency(db: Db, problems: readonly Problem[], agencyId: string) {
  const kept: Problem[] = [];
  for (const p of problems) {
    const of = await agencyOfProblem(db, p);
    if (of === null || of === agencyId) kept.push(p);
  }
  return kept;
}
