import type { Reader } from '../../cases/cases.store.ts';
import { chinaDate } from '../../platform/clock.ts';
import { ownAgency } from '../../platform/db/agency-scope.ts';
import { powerItemIds } from '../../powers/power-list.queries.ts';
import { queueRecord } from './outbox.service.ts';
import { caseIdsOf, personIdsOf, shownPublicationIdsOf } from './push-sources.queries.ts';
import { recordsOfSubject, unitRecords } from './push-sources.ts';
import type { SubjectOf } from './push-triggers.ts';

/**
 * The snapshot a first pairing queues (docs/county-push.md "Pairing" step 3), in the pairing's
 * transaction: the agency's whole present state, so the platform starts from it — the agency, each unit,
 * person (with certificates), power-list item in force (or withdrawn), publication shown to the public
 * (published, ended, or its withdrawal), and case summary (with the inspection result of a final
 * inspection). Every row carries the pairing's event: its log entry is what the platform checks.
 */
export interface SnapshotProgress {
  (done: number, total: number): void;
}

export async function queueSnapshot(
  trx: Reader,
  agencyId: string,
  auditEventId: string,
  now: Date,
  onProgress?: SnapshotProgress,
): Promise<number> {
  const own = ownAgency(agencyId);
  const today = chinaDate(now);
  const [people, items, publications, cases] = await Promise.all([
    personIdsOf(trx, own),
    powerItemIds(trx, own),
    shownPublicationIdsOf(trx, own),
    caseIdsOf(trx, own),
  ]);
  const subjects: { of: SubjectOf; id: string }[] = [
    { of: 'agency', id: agencyId },
    ...people.map((id) => ({ of: 'person' as const, id })),
    ...items.map((id) => ({ of: 'power_item' as const, id })),
    ...publications.map((id) => ({ of: 'publication' as const, id })),
    ...cases.map((id) => ({ of: 'case' as const, id })),
  ];
  const total = subjects.length + 1;
  let queued = 0;
  const queue = async (records: Awaited<ReturnType<typeof recordsOfSubject>>) => {
    for (const r of records) if (await queueRecord(trx, agencyId, r, auditEventId, now)) queued++;
  };
  // The agency first, then its units (people name them), then the rest in the order above.
  const [first, ...rest] = subjects;
  await queue(await recordsOfSubject(trx, { ...first!, agencyId }, today));
  await queue(await unitRecords(trx, agencyId, null));
  onProgress?.(2, total);
  let done = 2;
  for (const s of rest) {
    await queue(await recordsOfSubject(trx, { ...s, agencyId }, today));
    onProgress?.(++done, total);
  }
  return queued;
}
