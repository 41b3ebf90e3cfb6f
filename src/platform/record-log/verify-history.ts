import type { Db } from '../db/database.ts';
import { canonicalJson } from './entry.ts';
import type { Problem } from './verify-rows.ts';
import {
  countyRecordsAfterUnscoped,
  powerReviewEventRowsUnscoped,
  subjectEventsUnscoped,
  subjectTypeEventsUnscoped,
  tableRowsAfterUnscoped,
  type Row,
} from './verify.store.ts';

/**
 * History rows against the records that wrote them (issue 10 item 6; security sweep M2). A history row
 * belongs to a parent subject (a certificate, a publication, a power list item) and is written by a
 * command about that parent, whose record carries it: certificate and publication events under
 * `history` (an array of the rows written), a power list version as the record itself (its `id` is the
 * version's), its status moved on by later records `{version, status}`. Each row must equal its record,
 * column by column; a row no record carries is named. Parents only recorded before the record log (no
 * record kept) are skipped.
 *
 * A power list review event (`power_review_events`) is not carried as a row: the review command records
 * `{version, status, note}` about the item, the event's actor and time being the audit row's. Each review
 * event must match such a record: the same item, version, action (`powers.version_<action>`), note, actor
 * and time — or the record of its version written with that status in the same command (at the same time;
 * such a record carries no note or reviewer to compare: a list loaded as already published).
 */

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

async function recordsOf(db: Db, type: string, parents: readonly string[]) {
  const events = await subjectEventsUnscoped(db, type, parents);
  const byParent = new Map<string, { kind: string; record: Record<string, unknown> | null }[]>();
  for (const [key, own] of events) {
    byParent.set(
      key,
      own.map((e) => {
        const value: unknown = e.record === null ? null : JSON.parse(e.record);
        const record =
          typeof value === 'object' && value !== null && !Array.isArray(value)
            ? (value as Record<string, unknown>)
            : null;
        return { kind: e.kind, record };
      }),
    );
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

/** Each power list review event against the review record that wrote it (see above). */
async function powerReviewProblems(db: Db): Promise<{ problems: Problem[]; checked: number }> {
  const rows = await powerReviewEventRowsUnscoped(db);
  const events = await subjectTypeEventsUnscoped(db, 'power_item');
  const problems: Problem[] = [];
  for (const row of rows) {
    const own = events.get(row.item_id) ?? [];
    if (own.length > 0 && own.every((e) => e.record === null)) continue;
    const matches = own.some((e) => {
      if (e.record === null || e.at.getTime() !== row.at.getTime()) return false;
      const record: unknown = JSON.parse(e.record);
      if (typeof record !== 'object' || record === null) return false;
      const r = record as Record<string, unknown>;
      // The review command's record, or a version recorded with this status by the same command (a list
      // loaded as already published records each version so, with its publication event beside it).
      const reviewed =
        e.kind === `powers.version_${row.action}` &&
        r.version === row.version &&
        r.note === row.note &&
        // A record made by the system (no actor: a loader writing for the person the row names) has no
        // actor to compare.
        (e.actor_id === null || e.actor_id === row.actor_id);
      return reviewed || (r.id === row.version_id && r.status === row.action);
    });
    if (!matches) {
      problems.push({
        table: 'power_review_events',
        id: row.id,
        message: '没有与之相符的审核记录（事项、版本、动作、说明、操作人、时间）：在命令之外写入或被改动？',
      });
    }
  }
  return { problems, checked: rows.length };
}

/**
 * Each record the county platform received (county_records, keyed by agency and sequence) against the
 * `county.batch_received` record of its batch, which carries the rows it wrote under `records`.
 */
async function countyRecordProblems(db: Db): Promise<{ problems: Problem[]; checked: number }> {
  const problems: Problem[] = [];
  let checked = 0;
  for (let after: { agency: string; sequence: number } | null = null; ;) {
    const rows = await countyRecordsAfterUnscoped(db, after, PAGE);
    if (rows.length === 0) break;
    const batches = await recordsOf(db, 'county_batch', [...new Set(rows.map((r) => String(r.batch_id)))]);
    for (const row of rows) {
      const recorded = (batches.get(String(row.batch_id)) ?? [])
        .flatMap((b) => (Array.isArray(b.record?.records) ? (b.record.records as Row[]) : []))
        .find((r) => r.county_agency_id === row.county_agency_id && r.sequence === row.sequence);
      const changed = recorded
        ? Object.entries(recorded).find(
            ([column, value]) => column in row && canonicalJson(row[column]) !== canonicalJson(value),
          )?.[0]
        : undefined;
      if (recorded && changed === undefined) continue;
      problems.push({
        table: 'county_records',
        id: `${String(row.county_agency_id)}/${String(row.sequence)}`,
        message: recorded
          ? `列 ${changed} 与写入它的记录（county.batch_received）不一致`
          : '没有任何记录写入过这一行（在命令之外写入？）',
      });
    }
    checked += rows.length;
    const last = rows[rows.length - 1]!;
    after = { agency: String(last.county_agency_id), sequence: Number(last.sequence) };
  }
  return { problems, checked };
}

/** The tables this module compares (verify-coverage.ts builds its list from these). */
export const historyTableNames: readonly string[] = [
  ...historyTables.map((t) => t.table),
  'power_review_events',
  'county_records',
];

export async function verifyHistory(db: Db): Promise<{ problems: Problem[]; checked: number }> {
  const problems: Problem[] = [];
  let checked = 0;
  for (const spec of historyTables) {
    for (let last: string | null = null; ;) {
      const rows = await tableRowsAfterUnscoped(db, spec.table, last, PAGE);
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
  const reviews = await powerReviewProblems(db);
  const county = await countyRecordProblems(db);
  return {
    problems: [...problems, ...reviews.problems, ...county.problems],
    checked: checked + reviews.checked + county.checked,
  };
}
