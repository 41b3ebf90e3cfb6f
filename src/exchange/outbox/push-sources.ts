import { caseDetail } from '../../cases/case-detail.queries.ts';
import { caseIn, type Reader } from '../../cases/cases.store.ts';
import { toAgency, toUnit } from '../../org/agencies.service.ts';
import { agencyById, unitRows } from '../../org/agencies.store.ts';
import { loadPeople } from '../../org/people.service.ts';
import { ownAgency } from '../../platform/db/agency-scope.ts';
import { publishedStateOf } from '../../powers/power-list.queries.ts';
import { publicationDetail } from '../../publicity/publications.queries.ts';
import {
  caseSummaryOf,
  inspectionResultOf,
  officerRecordOf,
  publicationWithdrawalOf,
} from '../push-records.ts';
import { pushRecords, type PushRecordType } from '../push.schema.ts';
import {
  certificateHolderOf,
  publicationStateOf,
  reviewResultOf,
  statesPassedOf,
} from './push-sources.queries.ts';
import type { SubjectOf } from './push-triggers.ts';

/**
 * A subject's push records, built from its area's own view read with `db` (the command's transaction),
 * as that area's page shows it (push-records.ts, push.schema.ts). Each content is parsed by its type's
 * schema, which keeps exactly the record's fields: a view's internal fields never leave.
 */
export interface BuiltRecord {
  type: PushRecordType;
  content: Record<string, unknown>;
}

const built = (type: PushRecordType, view: unknown): BuiltRecord => ({
  type,
  // The JSON the outbox stores (jsonb) and hashes: no undefined members, dates as the views give them.
  content: JSON.parse(JSON.stringify(pushRecords[type].parse(view))) as Record<string, unknown>,
});

export async function caseRecords(db: Reader, agencyId: string, caseId: string, today: string) {
  const own = ownAgency(agencyId);
  const kase = await caseIn(db, own, caseId);
  if (!kase) return [];
  const [detail, reviewResult] = await Promise.all([
    caseDetail(db, kase, null, today),
    reviewResultOf(db, own, caseId),
  ]);
  const out = [built('case_summary', caseSummaryOf(detail, reviewResult))];
  if (detail.case.kind === 'inspection' && detail.case.final) {
    out.push(built('inspection_result', inspectionResultOf(detail, await statesPassedOf(db, own, caseId))));
  }
  return out;
}

/** A publication as published (also once its period ended), or its withdrawal; nothing while a draft. */
export async function publicationRecords(db: Reader, agencyId: string, id: string, today: string) {
  const own = ownAgency(agencyId);
  const state = await publicationStateOf(db, own, id);
  if (!state) return [];
  if (state.status === 'withdrawn') {
    const detail = await publicationDetail(db, agencyId, id, today);
    if (!detail || !state.withdrawal_occurred_on) return [];
    return [built('publication_withdrawal', publicationWithdrawalOf(detail, state.withdrawal_occurred_on))];
  }
  if (state.status !== 'published' && state.status !== 'ended') return [];
  const detail = await publicationDetail(db, agencyId, id, today);
  return detail ? [built('publication', detail)] : [];
}

export async function officerRecords(db: Reader, agencyId: string, personId: string, today: string) {
  const [person] = await loadPeople(db, ownAgency(agencyId), [personId], today);
  return person ? [built('officer', officerRecordOf(person))] : [];
}

export async function agencyRecords(db: Reader, agencyId: string) {
  const row = await agencyById(db, agencyId);
  return row ? [built('agency', toAgency(row))] : [];
}

export async function unitRecords(db: Reader, agencyId: string, unitId: string | null) {
  const rows = await unitRows(db, ownAgency(agencyId));
  return rows.filter((u) => unitId === null || u.id === unitId).map((u) => built('unit', toUnit(u)));
}

export async function powerRecords(db: Reader, agencyId: string, itemId: string, today: string) {
  const state = await publishedStateOf(db, ownAgency(agencyId), itemId, today);
  return state ? [built('power_list_version', state)] : [];
}

/** The records of one subject the triggers named (push-triggers.ts). */
export async function recordsOfSubject(
  db: Reader,
  subject: { of: SubjectOf; id: string; agencyId: string },
  today: string,
): Promise<BuiltRecord[]> {
  const { agencyId, id } = subject;
  switch (subject.of) {
    case 'case':
      return caseRecords(db, agencyId, id, today);
    case 'publication':
      return publicationRecords(db, agencyId, id, today);
    case 'person':
      return officerRecords(db, agencyId, id, today);
    case 'certificate': {
      const holder = await certificateHolderOf(db, ownAgency(agencyId), id);
      return holder ? officerRecords(db, agencyId, holder, today) : [];
    }
    case 'agency':
      return agencyRecords(db, id);
    case 'unit':
      return unitRecords(db, agencyId, id);
    case 'power_item':
      return powerRecords(db, agencyId, id, today);
  }
}
