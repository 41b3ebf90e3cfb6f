import type { OutboxHook } from '../../platform/audit/command.ts';
import { chinaDate } from '../../platform/clock.ts';
import { agenciesScope, ownAgency } from '../../platform/db/agency-scope.ts';
import type { Reader } from '../../cases/cases.store.ts';
import { contentHashOf, subjectIdOf } from '../push-envelope.ts';
import { insertOutboxRow, lastQueuedHash, pairedAgencies, sharePairingLock } from './outbox.store.ts';
import { recordsOfSubject, type BuiltRecord } from './push-sources.ts';
import { pushSubjectsOf } from './push-triggers.ts';

/**
 * The county outbox (docs/county-push.md "The outbox (agency side)"; issue 14 item 2, S-16). `runCommand`
 * calls the hook after every command body, in the command's transaction, with the events it recorded:
 * the events name subjects (push-triggers.ts), each subject's records are read from its area's view in
 * the same transaction (push-sources.ts) and queued in `push_outbox` with their content hash and the
 * event whose log entry proves the change. A command that rolls back takes its rows with it; a command
 * cannot commit without them.
 *
 * Nothing is queued for an agency that is not paired (no `upstreams` row). Paired agencies are
 * remembered by the process (a pairing is never undone); for any other the hook asks the database, once
 * per command and only when the command changed something the county sees, under the pairing's shared
 * lock (outbox.store.ts). So an instance that is not paired pays one indexed lookup per such command, and
 * a pairing made by another process (`sanxiang upstream pair` beside a running server) is seen by the
 * next command, never missing one that commits while the pairing runs.
 */
export interface Outbox {
  hook: OutboxHook;
  /** A pairing committed by this process (pairing.service.ts): its agency is paired from now on. */
  paired: (agencyId: string) => void;
}

export function countyOutbox(): Outbox {
  const known = new Set<string>();
  const hook: OutboxHook = async (ctx, events) => {
    const subjects = pushSubjectsOf(events);
    if (subjects.length === 0) return;
    const agencies = [...new Set(subjects.map((s) => s.agencyId))];
    const unknown = agencies.filter((a) => !known.has(a));
    const paired = new Set(agencies.filter((a) => known.has(a)));
    if (unknown.length > 0) {
      for (const a of unknown) await sharePairingLock(ctx.trx, a);
      // A pairing seen here was committed by another transaction (a pairing records no pushed subject).
      for (const a of await pairedAgencies(ctx.trx, agenciesScope(unknown))) {
        paired.add(a);
        known.add(a);
      }
    }
    if (paired.size === 0) return;
    const today = chinaDate(ctx.now);
    for (const subject of subjects) {
      if (!paired.has(subject.agencyId)) continue;
      const records = await recordsOfSubject(ctx.trx, subject, today);
      for (const r of records) await queueRecord(ctx.trx, subject.agencyId, r, subject.eventId, ctx.now);
    }
  };
  return {
    hook,
    paired: (agencyId) => {
      known.add(agencyId);
    },
  };
}

/**
 * Queues a record for the agency unless it equals (same content hash) the last one queued for its type
 * and subject. Answers whether a row was written.
 */
export async function queueRecord(
  trx: Reader,
  agencyId: string,
  record: BuiltRecord,
  auditEventId: string | null,
  now: Date,
): Promise<boolean> {
  const own = ownAgency(agencyId);
  const subjectId = subjectIdOf(record.type, record.content);
  const contentHash = contentHashOf(record.content);
  if ((await lastQueuedHash(trx, own, record.type, subjectId)) === contentHash) return false;
  await insertOutboxRow(trx, own, {
    type: record.type,
    subjectId,
    content: record.content,
    contentHash,
    auditEventId,
    queuedAt: now,
  });
  return true;
}
