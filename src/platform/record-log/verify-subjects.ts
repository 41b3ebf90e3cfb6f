import type { Db } from '../db/database.ts';
import { canonicalJson } from './entry.ts';
import type { Problem } from './verify-rows.ts';
import {
  missingSubjectRowsUnscoped,
  subjectEventsUnscoped,
  tableRowsAfterUnscoped,
  type Row,
  type SubjectEvent,
} from './verify.store.ts';

/**
 * The business rows behind the log (`subject-tables.ts`): each row as it is now must equal what its
 * recorded events say was last written, column by column. The events' records were checked against the
 * log before this runs, so a difference means the row was changed outside a command. Rows nobody recorded
 * and recorded rows that are gone are named too.
 */

const PAGE = 500;

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

export async function verifySubjects(
  db: Db,
  tables: Readonly<Record<string, string>>,
): Promise<{ problems: Problem[]; checked: number }> {
  const problems: Problem[] = [];
  let checked = 0;
  for (const [type, table] of Object.entries(tables)) {
    for (let last: string | null = null; ;) {
      const rows = await tableRowsAfterUnscoped(db, table, last, PAGE);
      if (rows.length === 0) break;
      const events = await subjectEventsUnscoped(
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
    for (const id of await missingSubjectRowsUnscoped(db, type, table)) {
      problems.push({ table, id, message: '记录中有这一行，但它已不在表中（被删除？）' });
    }
  }
  return { problems, checked };
}
