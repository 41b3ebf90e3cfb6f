import { sql } from 'kysely';
import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { addCalendarDays } from '../platform/calendar/working-days.rules.ts';
import type { Evidence, EvidenceLogEvent, EvidenceQuery } from './evidence.schema.ts';
import { loadRow, toEvidence, numbersOf } from './evidence.rows.ts';
import { recordsPolicy } from './records.policy.ts';
import type { RetentionPeriods } from './retention.rules.ts';
import { retentionPeriodsOf } from './retention.service.ts';
import { requireKnownCaseSubject } from '../cases/case-subject.ts';

/** Reads of evidence files: one file, the filtered list, and one file's entries in the record log. */

/** Midnight at the start of a China date. */
const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

export async function getEvidence(deps: CommandDeps, principal: Principal, id: string): Promise<Evidence> {
  const row = await loadRow(deps.db, principal, recordsPolicy.readEvidence, id);
  authorize(principal, recordsPolicy.readEvidence, row.agency_id);
  return toEvidence(row, await retentionPeriodsOf(deps.db, row.agency_id), await numbersOf(deps.db, [row]));
}

export async function listEvidence(
  deps: CommandDeps,
  principal: Principal,
  query: EvidenceQuery,
): Promise<{ items: Evidence[]; total: number }> {
  const agencies = query.agencyId
    ? [query.agencyId]
    : readableAgencies(principal, recordsPolicy.readEvidence);
  for (const id of agencies) authorize(principal, recordsPolicy.readEvidence, id);
  await requireKnownCaseSubject(deps.db, agencies, query);
  if (agencies.length === 0) return { items: [], total: 0 };
  const subjectId = await caseIdOfNumber(deps, agencies, query);
  let q = deps.db.selectFrom('evidence_files').where('agency_id', 'in', agencies);
  if (query.subjectType) q = q.where('subject_type', '=', query.subjectType);
  if (subjectId) q = q.where('subject_id', '=', subjectId);
  if (query.stepId) q = q.where('step_id', '=', query.stepId);
  if (query.recorderId) q = q.where('recorder_id', '=', query.recorderId);
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.officerId) {
    q = q.where(sql<boolean>`officer_ids @> ${JSON.stringify([query.officerId])}::jsonb`);
  }
  // When a file was made: its capture start, or its upload when the capture time was not given.
  const made = sql<Date>`coalesce(captured_from, uploaded_at)`;
  if (query.from) q = q.where(made, '>=', chinaMidnight(query.from));
  if (query.to) q = q.where(made, '<', chinaMidnight(addCalendarDays(query.to, 1)));
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('uploaded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const caseNumbers = await numbersOf(deps.db, rows);
  const periods = new Map<string, RetentionPeriods>();
  for (const agencyId of new Set(rows.map((r) => r.agency_id))) {
    periods.set(agencyId, await retentionPeriodsOf(deps.db, agencyId));
  }
  return {
    items: rows.map((r) => toEvidence(r, periods.get(r.agency_id)!, caseNumbers)),
    total: Number(total),
  };
}

/**
 * What the record log holds about one file, oldest first: its upload, marks and disposal, each with its
 * log index so the workbench can fetch the inclusion proof and check it against the signed checkpoint.
 */
export async function evidenceLog(
  deps: CommandDeps,
  principal: Principal,
  id: string,
): Promise<EvidenceLogEvent[]> {
  const row = await loadRow(deps.db, principal, recordsPolicy.readEvidence, id);
  authorize(principal, recordsPolicy.readEvidence, row.agency_id);
  const events = await deps.db
    .selectFrom('audit_events')
    .leftJoin('people', (j) =>
      j
        .onRef('people.id', '=', 'audit_events.actor_id')
        .onRef('people.agency_id', '=', 'audit_events.agency_id'),
    )
    .leftJoin('log_entries', 'log_entries.event_id', 'audit_events.id')
    .select([
      'audit_events.kind',
      'audit_events.at',
      'audit_events.changes',
      'people.name as actor_name',
      'log_entries.log_index',
    ])
    .where('audit_events.agency_id', '=', row.agency_id)
    .where('audit_events.subject_type', '=', 'evidence_file')
    .where('audit_events.subject_id', '=', id)
    .orderBy('audit_events.seq', 'asc')
    .execute();
  return events.map((e) => ({
    kind: e.kind,
    at: e.at.toISOString(),
    actorName: e.actor_name,
    changes: e.changes,
    logIndex: e.log_index === null ? null : Number(e.log_index),
  }));
}

/**
 * A case named by its number (案号, as people know it) instead of its id: the case's id, when one of the
 * agencies read has a case of that number; the subject as given otherwise (free text from before cases).
 */
async function caseIdOfNumber(
  deps: CommandDeps,
  agencies: readonly string[],
  query: Pick<EvidenceQuery, 'subjectType' | 'subjectId'>,
): Promise<string | undefined> {
  if (!query.subjectId || (query.subjectType !== undefined && query.subjectType !== 'case')) {
    return query.subjectId;
  }
  const found = await deps.db
    .selectFrom('cases')
    .select('id')
    .where('case_number', '=', query.subjectId)
    .where('agency_id', 'in', [...agencies])
    .executeTakeFirst();
  return found?.id ?? query.subjectId;
}
