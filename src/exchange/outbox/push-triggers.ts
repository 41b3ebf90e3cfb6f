import type { PushRecordType } from '../push.schema.ts';

/**
 * What a command's events change of what the county must see (docs/county-push.md "The outbox"; issue 14
 * item 2, S-16): each event kind names the subject whose push record is to be read again. Pure: the
 * outbox hook (outbox.service.ts) reads the subjects' views in the command's transaction and queues the
 * records that differ from the last one queued.
 *
 * - `cases.*` → the case's `case_summary`, and its `inspection_result` once an inspection case is final;
 * - `review.*` about a review → the summary of the reviewed case (its `reviewResult`);
 * - `publicity.publication_published|withdrawn|ended|corrected` → the `publication` as published, or its
 *   `publication_withdrawal` once withdrawn (drafts are the agency's own);
 * - `org.agency_*` → `agency`; `org.unit_*` → `unit`; `org.person_created|updated` → `officer`;
 *   `org.certificate_*` → the certificate holder's `officer` record;
 * - `powers.version_published` → the item's `power_list_version` in force.
 *
 * Roles, accounts, sign-ins, documents, evidence and settings are not pushed: the county needs none of them.
 */

/** The event as `runCommand` hands it to the hook (CommittedEvent), with only what the mapping reads. */
export interface TriggerEvent {
  id: string;
  kind: string;
  agencyId: string | null;
  subjectType: string;
  subjectId: string | null;
  record: unknown;
}

export type SubjectOf = 'case' | 'publication' | 'agency' | 'unit' | 'person' | 'certificate' | 'power_item';

/** A subject to read again, of the agency, and the last event of the command that changed it. */
export interface PushSubject {
  of: SubjectOf;
  id: string;
  agencyId: string;
  eventId: string;
}

/** The push record types a subject's view gives (the hook decides which apply from the view). */
export const recordTypesOf: Readonly<Record<SubjectOf, readonly PushRecordType[]>> = {
  case: ['case_summary', 'inspection_result'],
  publication: ['publication', 'publication_withdrawal'],
  agency: ['agency'],
  unit: ['unit'],
  person: ['officer'],
  certificate: ['officer'],
  power_item: ['power_list_version'],
};

const org: Readonly<Record<string, SubjectOf>> = {
  'org.agency_created': 'agency',
  'org.agency_updated': 'agency',
  'org.unit_created': 'unit',
  'org.unit_updated': 'unit',
  'org.person_created': 'person',
  'org.person_updated': 'person',
  'org.certificate_issued': 'certificate',
  'org.certificate_edited': 'certificate',
  'org.certificate_suspended': 'certificate',
  'org.certificate_reinstated': 'certificate',
  'org.certificate_revoked': 'certificate',
};

const publicationKinds = new Set([
  'publicity.publication_published',
  'publicity.publication_withdrawn',
  'publicity.publication_ended',
  'publicity.publication_corrected',
]);

/** The kinds the mapping names one by one (beside every `cases.*` and `review.*` about a review). */
export const namedKinds: readonly string[] = [
  ...Object.keys(org),
  ...publicationKinds,
  'powers.version_published',
];

/** A string field of the event's record (the row as written: `case_id` of a party, a review, a period). */
function field(record: unknown, name: string): string | null {
  if (typeof record !== 'object' || record === null) return null;
  const value = (record as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The subject one event names, or null when the county sees nothing of it. */
export function subjectOfEvent(e: TriggerEvent): Omit<PushSubject, 'agencyId' | 'eventId'> | null {
  if (e.kind.startsWith('cases.')) {
    const caseId = e.subjectType === 'case' ? e.subjectId : field(e.record, 'case_id');
    return caseId ? { of: 'case', id: caseId } : null;
  }
  if (e.kind.startsWith('review.') && e.subjectType === 'review') {
    const caseId = field(e.record, 'case_id');
    return caseId ? { of: 'case', id: caseId } : null;
  }
  if (publicationKinds.has(e.kind) && e.subjectType === 'publication' && e.subjectId) {
    return { of: 'publication', id: e.subjectId };
  }
  if (e.kind === 'powers.version_published' && e.subjectType === 'power_item' && e.subjectId) {
    return { of: 'power_item', id: e.subjectId };
  }
  const of = org[e.kind];
  if (of && e.subjectId) return { of, id: e.subjectId };
  return null;
}

/**
 * The subjects a command's events change, each once, in the order first named, with the last event that
 * named it (whose log entry the platform checks). Events without an agency name nothing pushed.
 */
export function pushSubjectsOf(events: readonly TriggerEvent[]): PushSubject[] {
  const found = new Map<string, PushSubject>();
  for (const e of events) {
    if (!e.agencyId) continue;
    const subject = subjectOfEvent(e);
    if (!subject) continue;
    const key = `${e.agencyId}/${subject.of}/${subject.id}`;
    const known = found.get(key);
    if (known) known.eventId = e.id;
    else found.set(key, { ...subject, agencyId: e.agencyId, eventId: e.id });
  }
  return [...found.values()];
}
