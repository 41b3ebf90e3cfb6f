import type { Db } from '../platform/db/database.ts';
import { addCalendarDays } from '../platform/calendar/working-days.rules.ts';
import type { AuditEvent, AuditFilters } from './audit.schema.ts';

/** Midnight at the start of a China date: the filters' dates are China dates (DESIGN.md "Storage"). */
const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

/**
 * The audit trail of one agency, newest first, filtered (China dates from/to, both included; the kind;
 * the actor; the subject), each event with its record-log index (null while the entry waits for
 * integration) so the workbench can fetch its inclusion proof and check it.
 */
export async function listAuditEvents(
  db: Db,
  agencyId: string,
  filters: Omit<AuditFilters, 'agencyId'>,
  paging: { page: number; pageSize: number },
): Promise<{ items: AuditEvent[]; total: number }> {
  let base = db.selectFrom('audit_events').where('audit_events.agency_id', '=', agencyId);
  if (filters.from) base = base.where('audit_events.at', '>=', chinaMidnight(filters.from));
  if (filters.to) base = base.where('audit_events.at', '<', chinaMidnight(addCalendarDays(filters.to, 1)));
  if (filters.kind) base = base.where('audit_events.kind', '=', filters.kind);
  if (filters.actorId) base = base.where('audit_events.actor_id', '=', filters.actorId);
  if (filters.subjectType) base = base.where('audit_events.subject_type', '=', filters.subjectType);
  if (filters.subjectId) base = base.where('audit_events.subject_id', '=', filters.subjectId);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('people', 'people.id', 'audit_events.actor_id')
    .leftJoin('log_entries', 'log_entries.event_id', 'audit_events.id')
    .leftJoin('cases', (join) =>
      join.onRef('cases.id', '=', 'audit_events.subject_id').on('audit_events.subject_type', '=', 'case'),
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
  return {
    total: Number(total),
    items: rows.map((r) => ({
      seq: r.seq,
      kind: r.kind,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      via: r.via,
      ip: r.ip,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      subjectName: r.case_number,
      changes: r.changes,
      logIndex: r.log_index === null ? null : Number(r.log_index),
    })),
  };
}
