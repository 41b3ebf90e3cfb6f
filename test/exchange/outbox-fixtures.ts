import { contentHashOf } from '../../src/exchange/push-envelope.ts';
import { agencyRecord } from '../../src/exchange/push.schema.ts';
import type { DocumentsHarness } from '../documents/documents-harness.ts';

/**
 * Outbox rows for the sender's tests, as the outbox hook writes them (docs/county-push.md "The outbox"):
 * the agency's own record, each row pointing at a real audit event of the agency (whose log entry the
 * platform checks). Written directly: the hook that writes them in commands is the outbox's (push-outbox).
 */
export async function queueAgencyRecords(
  h: DocumentsHarness,
  agencyId: string,
  count: number,
): Promise<void> {
  const db = h.database.db.withoutPlugins(); // test fixtures
  const row = await db
    .selectFrom('agencies')
    .selectAll()
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
  const content = agencyRecord.parse({
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    creditCode: row.credit_code,
    regionCode: row.region_code,
    level: row.level,
    kind: row.kind,
    parentId: row.parent_id,
  });
  const already = await db
    .selectFrom('push_outbox')
    .select('audit_event_id')
    .where('agency_id', '=', agencyId)
    .execute();
  const events = await db
    .selectFrom('audit_events')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('id', 'not in', ['00000000-0000-0000-0000-000000000000', ...already.map((a) => a.audit_event_id!)])
    .orderBy('at')
    .orderBy('id')
    .limit(count)
    .execute();
  if (events.length < count) throw new Error(`only ${events.length} events of the agency`);
  for (const event of events) {
    await db
      .insertInto('push_outbox')
      .values({
        agency_id: agencyId,
        type: 'agency',
        subject_id: agencyId,
        content: JSON.stringify(content),
        content_hash: contentHashOf(content),
        audit_event_id: event.id,
        queued_at: h.clock.now(),
      })
      .execute();
  }
}
