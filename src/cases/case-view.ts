import type { Principal } from '../platform/auth/principal.ts';
import { roleLabels } from '../platform/auth/roles.ts';
import { calendarDaysBetween } from '../platform/calendar/working-days.rules.ts';
import type { Row } from '../platform/db/schema.ts';
import { maskName } from '../publicity/masking.rules.ts';
import { caseDeadlineDefs, exclusionNotes, type ExclusionNote } from './case-deadlines.rules.ts';
import { exclusionsOf } from './case-deadlines.store.ts';
import type { CaseRow } from './cases.store.ts';
import type { DeliberationReason } from './deliberation.rules.ts';
import { suspensionKindOf, type StoredSuspension, type SuspensionKind } from './excluded-time.rules.ts';
import { allowedSteps, mayTake, stateLabel } from './lifecycle.rules.ts';
import { lifecycles, type CaseDeadlineCode, type LifecycleKind } from './lifecycles/index.ts';
import type { PartyType } from './party.rules.ts';
import type { CaseSanction } from './sanctions.rules.ts';

/**
 * The views of a case that every reader sees (the case, its parties, officers, periods and next steps),
 * built from its rows without reading anything: what the case reads (case-detail.queries.ts, the list,
 * the tasks) and the documents and review areas build on.
 */

/** A case as every reader sees it. Amounts in fen; dates `YYYY-MM-DD`. */
export interface CaseView {
  id: string;
  agencyId: string;
  kind: LifecycleKind;
  kindLabel: string;
  actionKind: string;
  procedure: 'ordinary' | 'summary' | null;
  caseNumber: string;
  title: string;
  state: string;
  stateLabel: string;
  final: boolean;
  itemId: string | null;
  itemCode: string | null;
  field: string;
  unitId: string | null;
  source: string;
  originCaseId: string | null;
  version: number;
  discoveredOn: string;
  filedOn: string | null;
  decidedOn: string | null;
  closedOn: string | null;
  proposedAmountFen: number | null;
  /** The sanctions of the notice and of the decision (行政处罚法 §9, §44), `{kind, amountFen?}`. */
  proposedSanctions: CaseSanction[];
  sanctions: CaseSanction[];
  /** The hearing right computed at the notice (§63; 听证办法 §5) and its grounds; null before it. */
  hearingRight: boolean | null;
  hearingRightGrounds: string[];
  socialImpact: boolean;
  amountFen: number | null;
  paidFen: number;
  surchargeFen: number;
  decisionOutcome: string | null;
  circumstance: string | null;
  benchmarkOutcome: string | null;
  discretionReason: string | null;
  major: boolean;
  majorReasons: string[];
  rightsWaived: boolean;
  suspendedSince: string | null;
  /** The running suspension's type (a suspension begun before 0018: other). */
  suspensionKind: SuspensionKind | null;
  /** Each with its type; those stored before 0018 carry none and read as `other`. */
  suspensions: (StoredSuspension & { kind: SuspensionKind })[];
  extensions: Record<string, number>;
  deliberatedDays: number;
  /** Time not counted in a licensing decision period (行政许可法 §45). */
  excludedTime: { kind: string; from: string; to: string; notifiedOn: string | null }[];
  createdAt: string;
  updatedAt: string;
}

export function toCaseView(r: CaseRow): CaseView {
  const lc = lifecycles[r.kind];
  return {
    id: r.id,
    agencyId: r.agency_id,
    kind: r.kind,
    kindLabel: lc.label,
    actionKind: r.action_kind,
    procedure: r.procedure,
    caseNumber: r.case_number,
    title: r.title,
    state: r.state,
    stateLabel: stateLabel(lc, r.state),
    final: lc.states.find((s) => s.id === r.state)?.final === true,
    itemId: r.item_id,
    itemCode: r.item_code,
    field: r.field,
    unitId: r.unit_id,
    source: r.source,
    originCaseId: r.origin_case_id,
    version: r.version,
    discoveredOn: r.discovered_on,
    filedOn: r.filed_on,
    decidedOn: r.decided_on,
    closedOn: r.closed_on,
    proposedAmountFen: r.proposed_amount_fen,
    proposedSanctions: r.proposed_sanctions,
    sanctions: r.sanctions,
    hearingRight: r.hearing_right,
    hearingRightGrounds: r.hearing_right_grounds,
    socialImpact: r.social_impact,
    amountFen: r.amount_fen,
    paidFen: r.paid_fen,
    surchargeFen: r.surcharge_fen,
    decisionOutcome: r.decision_outcome,
    circumstance: r.circumstance,
    benchmarkOutcome: r.benchmark_outcome,
    discretionReason: r.discretion_reason,
    major: r.major,
    majorReasons: r.major_reasons,
    rightsWaived: r.rights_waived,
    suspendedSince: r.suspended_since,
    suspensionKind: r.suspended_since ? suspensionKindOf({ kind: r.suspension_kind }) : null,
    suspensions: r.suspensions.map((x) => ({ ...x, kind: suspensionKindOf(x) })),
    extensions: r.extensions,
    deliberatedDays: r.deliberated_days,
    excludedTime: r.excluded_time,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export interface PartyView {
  id: string;
  type: PartyType;
  name: string;
  /** A person's ID number, or a 个体工商户's operator's. */
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  creditCode: string | null;
  legalRepresentative: string | null;
  /** A 个体工商户's operator (经营者), a natural person. */
  operatorName: string | null;
}

/** The party's application for an officer's recusal, and the head's decision once made (§43). */
export interface RecusalApplicationView {
  id: string;
  applicant: string;
  grounds: string;
  receivedOn: string;
  decidedAt: string | null;
  granted: boolean | null;
  decisionReason: string | null;
}

export interface OfficerView {
  personId: string;
  name: string;
  lead: boolean;
  assignedOn: string;
  declaredAt: string | null;
  conflict: boolean | null;
  declaration: string | null;
  recusedAt: string | null;
  recusalReason: string | null;
  /** The party's applications for this officer's recusal, oldest first. */
  applications: RecusalApplicationView[];
  /** A declared conflict or a party's application awaits the head's decision. */
  recusalPending: boolean;
}

export interface DeadlineView {
  id: string;
  caseId: string;
  code: CaseDeadlineCode;
  label: string;
  basis: string;
  openedOn: string;
  dueOn: string;
  warnings: { code: string; year: number; message: string }[];
  metOn: string | null;
  late: boolean;
  /** Set when the period ended because the case left the procedure (移送、终止调查): not late. */
  endedReason: string | null;
  /** The case's suspensions within the period, each counted out or ignored as the law says (issue 13 item 7). */
  exclusions: ExclusionNote[];
  /** Natural days left after today (negative once overdue); null once met. */
  daysLeft: number | null;
  overdue: boolean;
}

export interface NextStep {
  step: string;
  label: string;
  to: string;
  toLabel: string;
  basis: string;
  roles: { role: string; label: string }[];
  officers: number;
  documents: readonly string[];
  decision: boolean;
  /** Whether the reader's roles allow taking it. */
  mayTake: boolean;
}

export interface CaseDetail {
  case: CaseView;
  parties: PartyView[];
  officers: OfficerView[];
  deadlines: DeadlineView[];
  nextSteps: NextStep[];
  /** Why the penalty decision must be deliberated collectively (行政处罚法 §57 ¶2); empty if it need not. */
  deliberationRequired: DeliberationReason[];
}

export const toParty = (p: Row<'case_parties'>): PartyView => ({
  id: p.id,
  type: p.party_type,
  name: p.name,
  idNumber: p.id_number,
  phone: p.phone,
  address: p.address,
  creditCode: p.credit_code,
  legalRepresentative: p.legal_representative,
  operatorName: p.operator_name,
});

/**
 * A party as a reader outside the case's agency sees it (the county's supervision office): a natural
 * person's name as surname + 某某, and no ID number, phone or address (个人信息保护法 §6: no more personal
 * information than the purpose needs — supervision judges the procedure, not the person). Organisations'
 * names and credit codes are public anyway.
 */
export const toPartyForOutsider = (p: PartyView): PartyView =>
  p.type === 'person'
    ? { ...p, name: maskName(p.name), idNumber: null, phone: null, address: null }
    : p.type === 'individual_business'
      ? // the business's name is public; its operator is a natural person (个人信息保护法 §6)
        {
          ...p,
          operatorName: p.operatorName ? maskName(p.operatorName) : null,
          idNumber: null,
          phone: null,
          address: null,
        }
      : { ...p, phone: null, address: null };

export function toDeadline(
  d: Row<'case_deadlines'>,
  today: string,
  kase: Pick<CaseRow, 'suspensions'>,
): DeadlineView {
  const code = d.code as CaseDeadlineCode;
  const def = caseDeadlineDefs[code];
  const daysLeft = d.met_on === null ? calendarDaysBetween(today, d.due_on) : null;
  return {
    id: d.id,
    caseId: d.case_id,
    code,
    label: def.label,
    basis: def.basis,
    openedOn: d.opened_on,
    dueOn: d.due_on,
    warnings: d.warnings,
    metOn: d.met_on,
    late: d.late,
    endedReason: d.ended_reason,
    exclusions: exclusionNotes(code, exclusionsOf(kase as CaseRow), d.opened_on, d.met_on ?? d.due_on),
    daysLeft,
    overdue: daysLeft !== null && daysLeft < 0,
  };
}

/**
 * The steps the case's state allows, each with whether the principal's roles may take it. Steps that only
 * a collective deliberation of a disputed legal review takes are not offered.
 */
export function nextStepsOf(kase: CaseRow, principal: Principal | null): NextStep[] {
  const lc = lifecycles[kase.kind];
  const offered = allowedSteps(lc, kase.state).filter((t) => t.deliberation !== true);
  return offered.map((t) => ({
    step: t.step,
    label: t.label,
    to: t.to,
    toLabel: stateLabel(lc, t.to),
    basis: t.basis,
    roles: t.roles.map((role) => ({ role, label: roleLabels[role] })),
    officers: t.officers ?? 0,
    documents: t.documents ?? [],
    decision: t.decision === true,
    mayTake: principal !== null && principal.agencyId === kase.agency_id && mayTake(t, principal.roles),
  }));
}

export interface CaseListItem extends CaseView {
  partyNames: string[];
}
