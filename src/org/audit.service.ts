import { ownAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { auditEventRows } from './audit.store.ts';
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
  const { rows, total } = await auditEventRows(
    db,
    ownAgency(agencyId),
    {
      from: filters.from ? chinaMidnight(filters.from) : undefined,
      before: filters.to ? chinaMidnight(addCalendarDays(filters.to, 1)) : undefined,
      kind: filters.kind,
      actorId: filters.actorId,
      subjectType: filters.subjectType,
      subjectId: filters.subjectId,
    },
    paging,
  );
  return {
    total,
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
