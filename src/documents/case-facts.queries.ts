import type { Transaction } from 'kysely';
import { chinaDate } from '../platform/clock.ts';
import { inScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';
import type { CaseFacts, Findings, OfficerFact } from './case-facts.ts';
import { emptyDocumentSettings } from './document-settings.rules.ts';
import type { Party } from './documents.schema.ts';

/**
 * Everything a case's documents say, read from the case in one place (issue 12 item 1): the agency and
 * its document settings, the case, its power-list item's bases, parties, officers with the certificate
 * valid for the case's field, its events and enforcement steps, evidence, issued documents, the facts as
 * established (the latest review round's proposal, else the investigation report), the latest review
 * and the payments. Read inside the command that issues, so a step's own event is already there.
 */
type Reader = Db | Transaction<DB>;

const optional = (v: string | null) => (v ? v : undefined);

function partyOf(p: {
  party_type: string;
  name: string;
  id_number: string | null;
  phone: string | null;
  address: string | null;
  credit_code: string | null;
  legal_representative: string | null;
  operator_name: string | null;
}): Party {
  if (p.party_type === 'person')
    return {
      kind: 'person',
      name: p.name,
      idNumber: optional(p.id_number),
      address: optional(p.address),
      phone: optional(p.phone),
    };
  if (p.party_type === 'individual_business')
    return {
      kind: 'individual_business',
      name: p.name,
      creditCode: optional(p.credit_code),
      operatorName: p.operator_name ?? '',
      idNumber: optional(p.id_number),
      address: optional(p.address),
      phone: optional(p.phone),
    };
  return {
    kind: 'organisation',
    name: p.name,
    creditCode: optional(p.credit_code),
    legalRepresentative: optional(p.legal_representative),
    address: optional(p.address),
    phone: optional(p.phone),
  };
}

/** The facts of the latest review round, else of the investigation report the conclusion recorded. */
function findingsOf(
  review: { proposal: Record<string, unknown> } | undefined,
  report: Record<string, unknown> | undefined,
): Findings | null {
  // The latest round over the report: what a round leaves out (an older client's proposal without the
  // evidence or the violated provisions) stays as the report established it.
  const given = (v: unknown) =>
    v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  const source: Record<string, unknown> = { ...report };
  for (const [k, v] of Object.entries(review?.proposal ?? {})) if (given(v)) source[k] = v;
  if (typeof source.facts !== 'string') return null;
  const bases = (v: unknown) => (Array.isArray(v) ? (v as { law: string; article: string }[]) : []);
  return {
    facts: source.facts,
    evidence: typeof source.evidence === 'string' ? source.evidence : '',
    circumstance: typeof source.circumstance === 'string' ? source.circumstance : null,
    discretionReason: typeof source.discretionReason === 'string' ? source.discretionReason : '',
    legalBases: bases(source.legalBases),
    violatedBases: bases(source.violatedBases),
    summary: typeof source.summary === 'string' ? source.summary : '',
  };
}

export async function caseFacts(db: Reader, scope: OwnAgency, caseId: string): Promise<CaseFacts | null> {
  const kase = await db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseId)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
  if (!kase) return null;
  const [agency, settings, item, parties, officers, events, evidence, documents, review, payments] =
    await Promise.all([
      db
        .selectFrom('agencies')
        .select(['id', 'name', 'short_name'])
        .where('id', '=', scope.agencyId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('document_settings')
        .select('config')
        .where(inScope('agency_id', scope))
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
      kase.item_id === null
        ? Promise.resolve(undefined)
        : db
            .selectFrom('power_item_versions')
            .select(['name', 'legal_bases'])
            .where('item_id', '=', kase.item_id)
            .where(inScope('agency_id', scope))
            .where('status', '=', 'published')
            .orderBy('version', 'desc')
            .limit(1)
            .executeTakeFirst(),
      db
        .selectFrom('case_parties')
        .selectAll()
        .where('case_id', '=', caseId)
        .where(inScope('agency_id', scope))
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('case_officers as o')
        .innerJoin('people as p', (j) =>
          j.onRef('p.id', '=', 'o.person_id').onRef('p.agency_id', '=', 'o.agency_id'),
        )
        .select(['o.person_id', 'o.lead', 'p.name'])
        .where('o.case_id', '=', caseId)
        .where('o.recused_at', 'is', null)
        .where(inScope('o.agency_id', scope))
        .orderBy('o.lead', 'desc')
        .orderBy('o.assigned_at')
        .execute(),
      db
        .selectFrom('case_events as e')
        .leftJoin('people as p', (j) =>
          j.onRef('p.id', '=', 'e.actor_id').onRef('p.agency_id', '=', 'e.agency_id'),
        )
        .leftJoin('enforcement_steps as s', (j) =>
          j.onRef('s.id', '=', 'e.enforcement_step_id').onRef('s.agency_id', '=', 'e.agency_id'),
        )
        .select([
          'e.step',
          'e.action',
          'e.on_date',
          'e.at',
          'e.reason',
          'e.details',
          'p.name as actor_name',
          's.place',
          's.started_at',
          's.ended_at',
        ])
        .where('e.case_id', '=', caseId)
        .where(inScope('e.agency_id', scope))
        .orderBy('e.seq')
        .execute(),
      db
        .selectFrom('evidence_files')
        .select(['id', 'kind', 'filename', 'captured_from', 'uploaded_at', 'place'])
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', caseId)
        .where('disposed_at', 'is', null)
        .where(inScope('agency_id', scope))
        .orderBy('uploaded_at')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('issued_documents')
        .select(['id', 'type', 'number', 'data', 'issued_at'])
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', caseId)
        .where(inScope('agency_id', scope))
        .orderBy('issued_at')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('reviews as r')
        .leftJoin('people as p', (j) =>
          j.onRef('p.id', '=', 'r.reviewer_id').onRef('p.agency_id', '=', 'r.agency_id'),
        )
        .select(['r.id', 'r.round', 'r.proposal', 'r.result', 'r.opinion', 'r.decided_on', 'p.name'])
        .where('r.case_id', '=', caseId)
        .where('r.voided_at', 'is', null)
        .where(inScope('r.agency_id', scope))
        .orderBy('r.round', 'desc')
        .limit(1)
        .executeTakeFirst(),
      db
        .selectFrom('case_payments')
        .select(['paid_on', 'amount_fen', 'method'])
        .where('case_id', '=', caseId)
        .where(inScope('agency_id', scope))
        .orderBy('paid_on')
        .execute(),
    ]);
  const reviewFindings = review
    ? await db
        .selectFrom('review_findings')
        .select(['point', 'finding', 'note'])
        .where('review_id', '=', review.id)
        .where(inScope('agency_id', scope))
        .orderBy('recorded_at')
        .execute()
    : [];
  const certificates =
    officers.length === 0
      ? []
      : await db
          .selectFrom('certificates')
          .select(['person_id', 'number', 'fields', 'valid_from', 'valid_to', 'status'])
          .where(
            'person_id',
            'in',
            officers.map((o) => o.person_id),
          )
          .where(inScope('agency_id', scope))
          .orderBy('valid_to', 'desc')
          .execute();
  const today = kase.decided_on ?? kase.filed_on ?? kase.discovered_on;
  const certificateOf = (personId: string) => {
    const own = certificates.filter((c) => c.person_id === personId);
    const valid = own.filter((c) => c.status === 'valid' && c.valid_from <= today && c.valid_to >= today);
    return (valid.find((c) => c.fields.includes(kase.field)) ?? valid[0] ?? own[0])?.number ?? '';
  };
  const officerFacts: OfficerFact[] = officers.map((o) => ({
    personId: o.person_id,
    name: o.name,
    certificateNumber: certificateOf(o.person_id),
    lead: o.lead,
  }));
  const report = [...events].reverse().find((e) => e.step === 'conclude_investigation' && e.details.findings)
    ?.details.findings as Record<string, unknown> | undefined;
  return {
    agency: { id: agency.id, name: agency.name, shortName: agency.short_name },
    settings: { ...emptyDocumentSettings, ...settings?.config },
    kase: {
      id: kase.id,
      kind: kase.kind,
      caseNumber: kase.case_number,
      title: kase.title,
      field: kase.field,
      source: kase.source,
      state: kase.state,
      discoveredOn: kase.discovered_on,
      filedOn: kase.filed_on,
      decidedOn: kase.decided_on,
      closedOn: kase.closed_on,
      outcome: kase.decision_outcome,
      amountFen: kase.amount_fen,
      paidFen: kase.paid_fen,
      proposedSanctions: kase.proposed_sanctions,
      sanctions: kase.sanctions,
      hearingRight: kase.hearing_right,
      rightsWaived: kase.rights_waived,
      circumstance: kase.circumstance,
      discretionReason: kase.discretion_reason,
    },
    item: item ? { name: item.name, legalBases: item.legal_bases } : null,
    parties: parties.map(partyOf),
    officers: officerFacts,
    events: events.map((e) => ({
      step: e.step,
      action: e.action,
      on: e.on_date,
      at: e.at,
      actorName: e.actor_name,
      reason: e.reason,
      details: e.details,
      place: e.place,
      startedAt: e.started_at,
      endedAt: e.ended_at,
    })),
    evidence: evidence.map((e) => ({
      id: e.id,
      kind: e.kind,
      filename: e.filename,
      capturedOn: chinaDate(e.captured_from ?? e.uploaded_at),
      place: e.place,
    })),
    documents: documents.map((d) => ({
      id: d.id,
      type: d.type,
      number: d.number,
      date: d.data.date ?? chinaDate(d.issued_at),
    })),
    findings: findingsOf(review as { proposal: Record<string, unknown> } | undefined, report),
    review: review
      ? {
          round: review.round,
          result: review.result,
          opinion: review.opinion,
          decidedOn: review.decided_on,
          reviewerName: review.name,
          findings: reviewFindings,
        }
      : null,
    payments: payments.map((p) => ({ paidOn: p.paid_on, amountFen: p.amount_fen, method: p.method })),
  };
}
