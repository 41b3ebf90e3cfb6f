import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { canonicalJson } from './entry.ts';
import type { Problem } from './verify-rows.ts';
import { notRefused } from './verify-staging.ts';

/**
 * History rows against the records that wrote them (issue 10 item 6; security sweep M2). A history row
 * belongs to a parent subject (a certificate, a publication, a power list item) and is written by a
 * command about that parent, whose record carries it: certificate and publication events under
 * `history` (an array of the rows written), a power list version as the record itself (its `id` is the
 * version's), its status moved on by later records `{version, status}`. Each row must equal its record,
 * column by column; a row no record carries is named. Parents only recorded before the record log (no
 * record kept) are skipped.
 */

type Row = Record<string, unknown> & { id: string };

interface HistoryTable {
  readonly table: string;
  readonly parentType: string;
  readonly parentColumn: string;
  /** The recorded rows of this table in one record, or the status a later record moves `row` to. */
  readonly rowsIn: (record: Record<string, unknown>) => Row[];
  readonly statusFor?: (record: Record<string, unknown>, row: Row) => unknown;
}

const isRow = (value: unknown): value is Row =>
  typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
const historyOf = (record: Record<string, unknown>): Row[] =>
  Array.isArray(record.history) ? record.history.filter(isRow) : [];

export const historyTables: readonly HistoryTable[] = [
  {
    table: 'certificate_events',
    parentType: 'certificate',
    parentColumn: 'certificate_id',
    rowsIn: historyOf,
  },
  {
    table: 'publication_events',
    parentType: 'publication',
    parentColumn: 'publication_id',
    rowsIn: historyOf,
  },
  {
    table: 'power_item_versions',
    parentType: 'power_item',
    parentColumn: 'item_id',
    rowsIn: (record) => (isRow(record) && 'version' in record && 'item_id' in record ? [record] : []),
    statusFor: (record, row) =>
      record.version === row.version && typeof record.status === 'string' ? record.status : undefined,
  },
];

const PAGE = 500;

async function rowsAfter(db: Db, table: string, last: string | null): Promise<Row[]> {
  const after = last === null ? sql`` : sql`where id > ${last}`;
  const result = await sql<Row>`select * from ${sql.table(table)} ${after} order by id limit ${PAGE}`.execute(
    db,
  );
  return result.rows;
}

async function recordsOf(db: Db, type: string, parents: readonly string[]) {
  const events = await db
    .selectFrom('audit_events')
    .select(['kind', 'subject_id', 'record'])
    .where('subject_type', '=', type)
    .where('subject_id', 'in', parents)
    .where(notRefused)
    .orderBy('seq')
    .execute();
  const byParent = new Map<string, { kind: string; record: Record<string, unknown> | null }[]>();
  for (const e of events) {
    const value: unknown = e.record === null ? null : JSON.parse(e.record);
    const record =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : null;
    const key = e.subject_id ?? '';
    byParent.set(key, [...(byParent.get(key) ?? []), { kind: e.kind, record }]);
  }
  return byParent;
}

function rowProblem(
  spec: HistoryTable,
  row: Row,
  records: readonly { kind: string; record: Record<string, unknown> | null }[],
): string | null {
  if (records.length > 0 && records.every((r) => r.record === null)) return null;
  let recorded: { row: Row; kind: string } | null = null;
  let status: unknown;
  for (const { kind, record } of records) {
    if (record === null) continue;
    const found = spec.rowsIn(record).find((r) => r.id === row.id);
    if (found) recorded = { row: found, kind };
    else if (recorded && spec.statusFor) status = spec.statusFor(record, row) ?? status;
  }
  if (!recorded) return '没有任何记录写入过这一行（在命令之外写入？）';
  const expected = status === undefined ? recorded.row : { ...recorded.row, status };
  for (const [column, value] of Object.entries(expected)) {
    if (column in row && canonicalJson(row[column]) !== canonicalJson(value)) {
      return `列 ${column} 与写入它的记录（${recorded.kind}）不一致`;
    }
  }
  return null;
}

export async function verifyHistory(db: Db): Promise<{ problems: Problem[]; checked: number }> {
  const problems: Problem[] = [];
  let checked = 0;
  for (const spec of historyTables) {
    for (let last: string | null = null; ;) {
      const rows = await rowsAfter(db, spec.table, last);
      if (rows.length === 0) break;
      const parents = [...new Set(rows.map((r) => String(r[spec.parentColumn])))];
      const records = await recordsOf(db, spec.parentType, parents);
      for (const row of rows) {
        const problem = rowProblem(spec, row, records.get(String(row[spec.parentColumn])) ?? []);
        if (problem) problems.push({ table: spec.table, id: row.id, message: problem });
      }
      checked += rows.length;
      last = rows[rows.length - 1]!.id;
    }
  }
  return { problems, checked };
}
