import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { canonicalJson } from './entry.ts';
import type { Problem } from './verify-rows.ts';
import { notRefused } from './verify-staging.ts';

/**
 * The business rows behind the log (`subject-tables.ts`): each row as it is now must equal what its
 * recorded events say was last written, column by column. The events' records were checked against the
 * log before this runs, so a difference means the row was changed outside a command. Rows nobody recorded
 * and recorded rows that are gone are named too.
 */

const PAGE = 500;

interface SubjectEvent {
  id: string;
  kind: string;
  subject_id: string | null;
  record: string | null;
}

type Row = Record<string, unknown> & { id: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is wrong with `row` given its events in the order written, or null. */
function rowProblem(row: Row, events: readonly SubjectEvent[]): string | null {
  if (events.length === 0) return '没有任何记录写入过这一行（在命令之外写入？）';
  // Rows last recorded before the record log (no record kept) cannot be compared.
  if (events.every((e) => e.record === null)) return null;
  const expected = new Map<string, { value: unknown; event: SubjectEvent }>();
  for (const event of events) {
    if (event.record === null) continue;
    const record: unknown = JSON.parse(event.record);
    if (!isPlainObject(record) || (record.id !== undefined && record.id !== row.id)) continue;
    for (const [column, value] of Object.entries(record)) {
      if (column in row) expected.set(column, { value, event });
    }
  }
  if (expected.size === 0) return '没有记录写明这一行的内容';
  for (const [column, { value, event }] of expected) {
    if (canonicalJson(row[column]) !== canonicalJson(value)) {
      return `列 ${column} 与最后写入它的记录（${event.kind}，audit_events ${event.id}）不一致`;
    }
  }
  return null;
}

async function rowsAfter(db: Db, table: string, last: string | null): Promise<Row[]> {
  const after = last === null ? sql`` : sql`where id > ${last}`;
  const result = await sql<Row>`select * from ${sql.table(table)} ${after} order by id limit ${PAGE}`.execute(
    db,
  );
  return result.rows;
}

async function eventsOf(db: Db, type: string, ids: readonly string[]): Promise<Map<string, SubjectEvent[]>> {
  const events = await db
    .selectFrom('audit_events')
    .select(['id', 'kind', 'subject_id', 'record'])
    .where('subject_type', '=', type)
    .where('subject_id', 'in', ids)
    .where(notRefused)
    .orderBy('seq')
    .execute();
  const bySubject = new Map<string, SubjectEvent[]>();
  for (const event of events) {
    const key = event.subject_id ?? '';
    bySubject.set(key, [...(bySubject.get(key) ?? []), event]);
  }
  return bySubject;
}

async function missingRows(db: Db, type: string, table: string): Promise<string[]> {
  const result = await sql<{ subject_id: string }>`
    select distinct a.subject_id from audit_events a
    where a.subject_type = ${type} and a.subject_id is not null
      and not exists (select 1 from ${sql.table(table)} t where t.id = a.subject_id)
    order by a.subject_id limit 100`.execute(db);
  return result.rows.map((r) => r.subject_id);
}

export async function verifySubjects(
  db: Db,
  tables: Readonly<Record<string, string>>,
): Promise<{ problems: Problem[]; checked: number }> {
  const problems: Problem[] = [];
  let checked = 0;
  for (const [type, table] of Object.entries(tables)) {
    for (let last: string | null = null; ;) {
      const rows = await rowsAfter(db, table, last);
      if (rows.length === 0) break;
      const events = await eventsOf(
        db,
        type,
        rows.map((r) => r.id),
      );
      for (const row of rows) {
        const problem = rowProblem(row, events.get(row.id) ?? []);
        if (problem) problems.push({ table, id: row.id, message: problem });
      }
      checked += rows.length;
      last = rows[rows.length - 1]!.id;
    }
    for (const id of await missingRows(db, type, table)) {
      problems.push({ table, id, message: '记录中有这一行，但它已不在表中（被删除？）' });
    }
  }
  return { problems, checked };
}
