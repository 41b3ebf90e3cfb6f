import type { Db } from '../platform/db/database.ts';

/**
 * The audit trail of one agency, newest first, each event with its record-log index (null while the entry
 * waits for integration) so the workbench can fetch its inclusion proof and check it.
 */
export async function listAuditEvents(db: Db, agencyId: string, paging: { page: number; pageSize: number }) {
  const base = db.selectFrom('audit_events').where('audit_events.agency_id', '=', agencyId);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('people', 'people.id', 'audit_events.actor_id')
    .leftJoin('log_entries', 'log_entries.event_id', 'audit_events.id')
    .select([
      'audit_events.seq',
      'audit_events.kind',
      'audit_events.at',
      'audit_events.via',
      'audit_events.ip',
      'audit_events.subject_type',
      'audit_events.subject_id',
      'audit_events.changes',
      'people.name as actor_name',
      'log_entries.log_index',
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
      actorName: r.actor_name,
      via: r.via,
      ip: r.ip,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      changes: r.changes,
      logIndex: r.log_index === null ? null : Number(r.log_index),
    })),
  };
}
