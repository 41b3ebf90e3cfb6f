import { inScope, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';

/** The audit trail's reads (issue 11: the only module that knows their SQL), scoped to the agencies read. */

export interface AuditRowFilters {
  /** Instants: from included, before excluded. */
  from?: Date | undefined;
  before?: Date | undefined;
  kind?: string | undefined;
  actorId?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
}

/**
 * A page of the audit events in scope, newest first, each with its actor's name, its record-log index (null
 * while the entry waits for integration) and, for a case, its case number; and how many match.
 */
export async function auditEventRows(
  db: Db,
  scope: AgencyScope,
  filters: AuditRowFilters,
  paging: { page: number; pageSize: number },
) {
  let base = db.selectFrom('audit_events').where(inScope('audit_events.agency_id', scope));
  if (filters.from) base = base.where('audit_events.at', '>=', filters.from);
  if (filters.before) base = base.where('audit_events.at', '<', filters.before);
  if (filters.kind) base = base.where('audit_events.kind', '=', filters.kind);
  if (filters.actorId) base = base.where('audit_events.actor_id', '=', filters.actorId);
  if (filters.subjectType) base = base.where('audit_events.subject_type', '=', filters.subjectType);
  if (filters.subjectId) base = base.where('audit_events.subject_id', '=', filters.subjectId);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('people', (j) =>
      j
        .onRef('people.id', '=', 'audit_events.actor_id')
        .onRef('people.agency_id', '=', 'audit_events.agency_id'),
    )
    .leftJoin('log_entries', 'log_entries.event_id', 'audit_events.id')
    .leftJoin('cases', (join) =>
      join
        .onRef('cases.id', '=', 'audit_events.subject_id')
        .onRef('cases.agency_id', '=', 'audit_events.agency_id')
        .on('audit_events.subject_type', '=', 'case'),
    )
    .select([
      'audit_events.seq',
      'audit_events.kind',
      'audit_events.at',
      'audit_events.via',
      'audit_events.ip',
      'audit_events.actor_id',
      'audit_events.subject_type',
      'audit_events.subject_id',
      'audit_events.changes',
      'people.name as actor_name',
      'log_entries.log_index',
      'cases.case_number',
    ])
    .orderBy('audit_events.seq', 'desc')
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize)
    .execute();
  return { rows, total: Number(total) };
}
