import type { Db } from '../db/database.ts';
import type { Problem } from './verify-rows.ts';
import { comparedTables } from './verify-coverage.ts';
import {
  auditRowAgencyUnscoped,
  entryAgencyUnscoped,
  lastRecordedAgencyUnscoped,
  rowAgencyUnscoped,
} from './verify.store.ts';

/**
 * Which agency a problem of `sanxiang verify` is about, so that an agency's run from the workbench reports
 * its own rows only (issue 10 item 4; the security sweep's L8): an audit row or its log entry belongs to
 * the event's agency, a business row to its agency (a deleted one to the agency its records name). The
 * tree itself — checkpoints, tiles, bundles — and instance-wide rows such as the calendar's notices
 * and the county witness's tables
 * belong to every agency alike: `null`. The CLI (`sanxiang verify`) still reports everything.
 */
const businessTables: ReadonlySet<string> = new Set(comparedTables);
const instanceTables: ReadonlySet<string> = new Set([
  'calendar_notices',
  'witness_logs',
  'witness_checkpoints',
  'witness_alerts',
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function agencyOfProblem(db: Db, problem: Problem): Promise<string | null> {
  const { table, id } = problem;
  if (table === 'audit_events' && UUID.test(id)) return auditRowAgencyUnscoped(db, id);
  if (table === 'log_entries') {
    const at = /^(seq|log_index)=(\d+)$/.exec(id);
    if (!at) return null;
    return entryAgencyUnscoped(db, at[1] === 'seq' ? 'seq' : 'log_index', Number(at[2]));
  }
  if (!businessTables.has(table) || instanceTables.has(table) || !UUID.test(id)) return null;
  const own = await rowAgencyUnscoped(db, table, id);
  if (own !== null) return own;
  // A deleted row: the agency its records were written for.
  return lastRecordedAgencyUnscoped(db, id);
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
