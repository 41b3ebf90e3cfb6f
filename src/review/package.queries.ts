import { sql, type Transaction } from 'kysely';
import { ownAgency, unscoped, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { certificateFactsOfPeople } from '../org/certificates.store.ts';
import { withBasisDefaults } from '../powers/legal-basis.rules.ts';
import { versionInForce } from '../powers/power-list.rules.ts';
import { checklistOf } from '../records/av-checklist.service.ts';
import { avKinds } from '../records/evidence.rules.ts';
import type {
  PackageDocument,
  PackageEvidence,
  PackageItem,
  PackageOfficer,
  PackageStep,
  Proposal,
  ReviewPackage,
} from './package.ts';

/**
 * Builds the review package of a case from the database (S-13): the case and its party, the enforcement
 * item's version in force on the date of the act, each step with its officers' certificates, the AV
 * evidence, the issued documents — plus what the officer states in the proposal. A handful of queries,
 * each over one case, so the pre-checks of a full package stay well under the 200 ms the issue asks.
 */

type Reader = Db | Transaction<DB>;

/** The case step (`case_events.step`, src/cases/lifecycles/) as the pre-checks name it. */
export const stepCodeOfCaseStep: Readonly<Record<string, string>> = {
  file: 'filing',
  investigate: 'evidence_collection',
  conclude_investigation: 'investigation_report',
  submit_review: 'legal_review',
  notify: 'notice',
  request_hearing: 'hearing_request',
  hold_hearing: 'hearing',
  deliberate: 'collective_deliberation',
  decide: 'decision',
  decide_on_the_spot: 'decision',
  serve: 'service',
  record_payment: 'execution',
  close: 'closing',
  archive: 'archiving',
};

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The officers who took the case's steps, with the facts of their certificates (people of the agency). */
async function officersOf(
  db: Reader,
  own: OwnAgency,
  ids: readonly string[],
): Promise<Map<string, PackageOfficer>> {
  const found = new Map<string, PackageOfficer>();
  if (ids.length === 0) return found;
  const people = await db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('agency_id', '=', own.agencyId)
    .execute();
  const facts = await certificateFactsOfPeople(db, own, ids);
  for (const p of people) {
    found.set(p.id, { personId: p.id, name: p.name, certificates: facts.get(p.id) ?? [] });
  }
  return found;
}

/**
 * The power item a case names, with its versions, wherever it is listed: the item may be another agency's
 * (the power-list pre-check reports exactly that), and power lists are public (权责清单), so the lookup
 * cannot be limited to the case's agency.
 */
async function powerItemOfCaseUnscoped(db: Reader, itemId: string) {
  const item = await db
    .selectFrom('power_items')
    .selectAll()
    .where('id', '=', itemId)
    .$call(unscoped)
    .executeTakeFirst();
  if (!item) return null;
  const versions = await db
    .selectFrom('power_item_versions')
    .selectAll()
    .where('item_id', '=', item.id)
    .where('agency_id', '=', item.agency_id)
    .orderBy('version')
    .execute();
  return { item, versions };
}

async function itemOf(
  db: Reader,
  kase: Row<'cases'>,
  actOn: string,
  decisionOn: string,
): Promise<PackageItem | null> {
  if (!kase.item_id) return null;
  const found = await powerItemOfCaseUnscoped(db, kase.item_id);
  if (!found) return null;
  const { item, versions } = found;
  const dated = versions.map((v) => ({
    version: v.version,
    status: v.status,
    effectiveFrom: v.effective_from,
    withdrawn: v.withdrawn,
    row: v,
  }));
  const inForce = versionInForce(dated, actOn)?.row ?? null;
  const atDecision = versionInForce(dated, decisionOn)?.row ?? null;
  const legalBases = withBasisDefaults(inForce ? inForce.legal_bases : []);
  for (const b of withBasisDefaults(atDecision ? atDecision.legal_bases : [])) {
    if (!legalBases.some((k) => k.law === b.law && k.article === b.article)) legalBases.push(b);
  }
  // Without a version in force the newest published one still tells the reviewer what the item says.
  const shown = inForce ?? [...versions].reverse().find((v) => v.status === 'published') ?? versions.at(-1);
  return {
    id: item.id,
    code: item.code,
    name: shown?.name ?? item.code,
    kind: item.kind,
    agencyId: item.agency_id,
    version: inForce?.version ?? null,
    withdrawn: shown?.withdrawn ?? false,
    fields: [],
    legalBases,
    benchmarks: inForce ? inForce.benchmarks.map(({ description: _d, ...b }) => b) : [],
  };
}

async function evidenceOf(db: Reader, kase: Row<'cases'>, stepIds: string[]): Promise<PackageEvidence[]> {
  const rows = await db
    .selectFrom('evidence_files')
    .select([
      'id',
      'kind',
      'subject_type',
      'subject_id',
      'step',
      'step_id',
      'full_process',
      'captured_from',
      'captured_to',
      'interruptions',
      'filename',
    ])
    .where('agency_id', '=', kase.agency_id)
    .where('kind', 'in', [...avKinds])
    .where((eb) =>
      eb.or([
        eb.and([eb('subject_type', '=', 'case'), eb('subject_id', '=', kase.id)]),
        ...(stepIds.length > 0 ? [eb('step_id', '=', sql<string>`any(${stepIds}::uuid[])`)] : []),
      ]),
    )
    .orderBy('uploaded_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.filename ?? `${r.kind} ${r.id.slice(0, 8)}`,
    kind: r.kind,
    // Evidence linked to one of the case's steps belongs to the case, whatever subject it was filed under.
    subjectType: 'case',
    subjectId: kase.id,
    step: r.step,
    stepId: r.step_id,
    fullProcess: r.full_process,
    capturedFrom: r.captured_from,
    capturedTo: r.captured_to,
    interruptions: r.interruptions.map((i) => ({
      stoppedAt: new Date(i.stoppedAt),
      resumedAt: new Date(i.resumedAt),
      reason: i.reason,
    })),
  }));
}

async function documentsOf(db: Reader, kase: Row<'cases'>): Promise<PackageDocument[]> {
  const rows = await db
    .selectFrom('issued_documents')
    .select(['id', 'type', 'number', 'issued_at', 'data'])
    .where('agency_id', '=', kase.agency_id)
    .where('subject_type', '=', 'case')
    // The documents area names a case by its id; documents filed under its number belong to it too.
    .where('subject_id', 'in', [kase.id, kase.case_number])
    .orderBy('issued_at')
    .execute();
  return rows.map((d) => ({
    id: d.id,
    type: d.type,
    title: text((d.data as Record<string, unknown>).title) ?? d.type,
    number: d.number,
    issuedOn: d.issued_at.toISOString().slice(0, 10),
  }));
}

/** The case's package for review, with the officer's proposal; NOT_FOUND when the case is not the agency's. */
export async function loadReviewPackage(
  db: Reader,
  agencyId: string,
  caseId: string,
  proposal: Proposal,
  /** The day the decision would be made: the day of review (for 从旧兼从轻, 行政处罚法 §37). */
  decisionOn: string,
): Promise<ReviewPackage> {
  const own = ownAgency(agencyId);
  const kase = await db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseId)
    .where('agency_id', '=', own.agencyId)
    .executeTakeFirst();
  if (!kase) throw new AppError('NOT_FOUND');
  const [agency, parties, caseOfficers, events, checklist] = await Promise.all([
    db
      .selectFrom('agencies')
      .select(['id', 'name', 'region_code'])
      .where('id', '=', agencyId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('case_parties')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('agency_id', '=', own.agencyId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('case_officers')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('agency_id', '=', own.agencyId)
      .execute(),
    db
      .selectFrom('case_events as e')
      .leftJoin('enforcement_steps as s', (j) =>
        j.onRef('s.id', '=', 'e.enforcement_step_id').onRef('s.agency_id', '=', 'e.agency_id'),
      )
      .selectAll('e')
      .select(['s.step as av_step', 's.started_at as step_started_at', 's.ended_at as step_ended_at'])
      .where('e.case_id', '=', caseId)
      .where('e.agency_id', '=', own.agencyId)
      .orderBy('e.seq')
      .execute(),
    checklistOf(db as Db, agencyId),
  ]);
  const officerIds = [...new Set(events.flatMap((e) => e.officer_ids))];
  const officers = await officersOf(db, own, officerIds);
  const taken = events.filter((e) => e.step !== null);
  const steps: PackageStep[] = [];
  if (kase.kind === 'penalty_ordinary') {
    const at = new Date(`${kase.discovered_on}T00:00:00+08:00`);
    steps.push({
      id: `lead-${kase.id}`,
      step: 'lead',
      on: kase.discovered_on,
      startedAt: at,
      endedAt: null,
      officers: [],
    });
  }
  let hearing: ReviewPackage['hearing'] = null;
  for (const e of taken) {
    // An AV step keeps its checklist code (evidence_collection, sealing, …); a procedure step its name here.
    const avStep = e.av_step !== null && checklist.some((i) => i.step === e.av_step) ? e.av_step : null;
    const code = avStep ?? stepCodeOfCaseStep[e.step!] ?? e.av_step ?? e.step!;
    const details = e.details;
    const hearingNotifiedOn = text(details.hearingNotifiedOn);
    if (e.step === 'hold_hearing' && hearingNotifiedOn) {
      const at = new Date(`${hearingNotifiedOn}T00:00:00+08:00`);
      steps.push({
        id: `${e.id}-notice`,
        step: 'hearing_notice',
        on: hearingNotifiedOn,
        startedAt: at,
        endedAt: null,
        officers: [],
      });
    }
    if (e.step === 'hold_hearing')
      hearing = { heldOn: e.on_date, chairId: text(details.hearingChairId) ?? '' };
    steps.push({
      id: e.enforcement_step_id ?? e.id,
      step: code,
      on: e.on_date,
      startedAt: e.step_started_at ?? e.at,
      endedAt: e.step_ended_at ?? null,
      officers: e.officer_ids.flatMap((id) => officers.get(id) ?? []),
      method: text(details.serviceMethod) ?? null,
    });
  }
  const actOn = proposal.actEndedOn;
  const [item, evidence, documents] = await Promise.all([
    itemOf(db, kase, actOn, decisionOn),
    evidenceOf(
      db,
      kase,
      taken.flatMap((e) => e.enforcement_step_id ?? []),
    ),
    documentsOf(db, kase),
  ]);
  const party = parties[0];
  return {
    caseId: kase.id,
    caseNumber: kase.case_number,
    agency: { id: agency.id, name: agency.name, regionCode: agency.region_code },
    kind: kase.action_kind,
    procedure: kase.procedure ?? 'ordinary',
    field: kase.field,
    placeRegionCode: proposal.placeRegionCode,
    party: {
      type: party?.party_type ?? 'organisation',
      name: party?.name ?? '',
      idNumber: party?.id_number ?? party?.credit_code ?? null,
    },
    facts: proposal.facts,
    act: {
      endedOn: proposal.actEndedOn,
      discoveredOn: kase.discovered_on,
      lifeHealthOrFinancialHarm: proposal.lifeHealthOrFinancialHarm,
    },
    item,
    steps,
    evidence,
    avChecklist: checklist,
    proposed: {
      ...(proposal.sanctions && proposal.sanctions.length > 0 ? { sanctions: proposal.sanctions } : {}),
      measures: proposal.measures,
      amountFen: proposal.amountFen,
      confiscationFen: proposal.confiscationFen,
      circumstance: proposal.circumstance,
      discretionReason: proposal.discretionReason,
      legalBases: proposal.legalBases,
      summary: proposal.summary,
    },
    hearing,
    extensions: {
      leadVerification: (kase.extensions.lead_verification ?? 0) > 0,
      decision: (kase.extensions.decision ?? 0) > 0,
    },
    socialImpact: proposal.socialImpact,
    complex: proposal.complex,
    documents,
    investigatorIds: caseOfficers.map((o) => o.person_id),
  };
}
