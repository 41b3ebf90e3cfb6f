import { sql, type ExpressionBuilder } from 'kysely';
import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { addCalendarDays, calendarDaysBetween } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { roleLabels } from '../platform/auth/roles.ts';
import { maskName } from '../publicity/masking.rules.ts';
import { deliberationReasonsOf } from './deliberation.queries.ts';
import type { DeliberationReason } from './deliberation.rules.ts';
import type { CaseSanction } from './sanctions.rules.ts';
import { caseDeadlineDefs, exclusionNotes, type ExclusionNote } from './case-deadlines.rules.ts';
import { suspensionKindOf, type StoredSuspension, type SuspensionKind } from './excluded-time.rules.ts';
import type { PartyType } from './party.rules.ts';
import { exclusionsOf } from './cases.store.ts';
import { isExitStep } from './exit.rules.ts';
import type { CaseRow } from './cases.store.ts';
import { casesPolicy } from './cases.policy.ts';
import type { CasesQuery, DeadlinesQuery } from './cases.schema.ts';
import { allowedSteps, mayTake, stateLabel } from './lifecycle.rules.ts';
import { lifecycles, type CaseDeadlineCode, type LifecycleKind } from './lifecycles/index.ts';

/**
 * The reads of the cases area: one case with what can happen next, the case list with filters, an
 * officer's tasks, due and overdue periods (workbench and supervision), and the timeline with each event's
 * record-log index. Exported views are what the documents and review areas build on.
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

function toDeadline(
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

/** The case row, if the principal may read it (404 otherwise, never a hint that it exists). */
export async function readableCase(deps: CommandDeps, principal: Principal, id: string): Promise<CaseRow> {
  const row = await deps.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  authorize(principal, casesPolicy.read, row.agency_id);
  return row;
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

export async function caseDetail(
  db: Db,
  kase: CaseRow,
  principal: Principal | null,
  today: string,
): Promise<CaseDetail> {
  const [parties, officers, deadlines, deliberationRequired, applications] = await Promise.all([
    db
      .selectFrom('case_parties')
      .selectAll()
      .where('case_id', '=', kase.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('case_officers as o')
      .innerJoin('people as p', 'p.id', 'o.person_id')
      .selectAll('o')
      .select('p.name')
      .where('o.case_id', '=', kase.id)
      .orderBy('o.assigned_at')
      .execute(),
    db
      .selectFrom('case_deadlines')
      .selectAll()
      .where('case_id', '=', kase.id)
      .orderBy('opened_on')
      .orderBy('id')
      .execute(),
    deliberationReasonsOf(db, kase),
    db
      .selectFrom('recusal_applications')
      .selectAll()
      .where('case_id', '=', kase.id)
      .orderBy('entered_at')
      .orderBy('id')
      .execute(),
  ]);
  return {
    case: toCaseView(kase),
    parties: parties
      .map(toParty)
      .map((p) => (principal && principal.agencyId !== kase.agency_id ? toPartyForOutsider(p) : p)),
    officers: officers.map((o) => ({
      personId: o.person_id,
      name: o.name,
      lead: o.lead,
      assignedOn: o.assigned_on,
      declaredAt: o.declared_at?.toISOString() ?? null,
      conflict: o.conflict,
      declaration: o.declaration,
      recusedAt: o.recused_at?.toISOString() ?? null,
      recusalReason: o.recusal_reason,
      applications: applications
        .filter((a) => a.person_id === o.person_id)
        .map((a) => ({
          id: a.id,
          applicant: a.applicant,
          grounds: a.grounds,
          receivedOn: a.received_on,
          decidedAt: a.decided_at?.toISOString() ?? null,
          granted: a.granted,
          decisionReason: a.decision_reason,
        })),
      recusalPending:
        o.recused_at === null &&
        (o.conflict === true || applications.some((a) => a.person_id === o.person_id && !a.decided_at)),
    })),
    deadlines: deadlines.map((d) => toDeadline(d, today, kase)),
    nextSteps: nextStepsOf(kase, principal),
    deliberationRequired,
  };
}

export async function getCase(deps: CommandDeps, principal: Principal, id: string): Promise<CaseDetail> {
  const kase = await readableCase(deps, principal, id);
  return caseDetail(deps.db, kase, principal, chinaDate(deps.clock.now()));
}

/** The agencies a list covers: the one asked for (checked), else every one the principal may read. */
function agenciesOf(principal: Principal, agencyId: string | undefined): string[] {
  if (agencyId) {
    authorize(principal, casesPolicy.read, agencyId);
    return [agencyId];
  }
  return readableAgencies(principal, casesPolicy.read);
}

export interface CaseListItem extends CaseView {
  partyNames: string[];
}

/** The case list with filters: state, kind, a text (case number or title), an officer, open cases only. */
export async function listCases(
  deps: CommandDeps,
  principal: Principal,
  query: CasesQuery,
): Promise<{ items: CaseListItem[]; total: number }> {
  const agencies = agenciesOf(principal, query.agencyId);
  if (agencies.length === 0) return { items: [], total: 0 };
  let q = deps.db.selectFrom('cases as c').where('c.agency_id', 'in', agencies);
  if (query.state) q = q.where('c.state', '=', query.state);
  if (query.kind) q = q.where('c.kind', '=', query.kind);
  if (query.q) {
    const like = `%${query.q}%`;
    q = q.where((eb) => eb.or([eb('c.case_number', 'like', like), eb('c.title', 'like', like)]));
  }
  if (query.party) q = q.where(partyMatches(query.party, principal.agencyId));
  if (query.officerId) {
    const officerId = query.officerId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_officers as o')
          .select('o.id')
          .whereRef('o.case_id', '=', 'c.id')
          .where('o.person_id', '=', officerId)
          .where('o.recused_at', 'is', null),
      ),
    );
  }
  if (query.open) {
    const finals = finalStates();
    q =
      query.open === 'true'
        ? q.where((eb) => eb.not(eb(sql<string>`c.kind || ':' || c.state`, 'in', finals)))
        : q.where(sql<string>`c.kind || ':' || c.state`, 'in', finals);
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('c')
    .orderBy('c.updated_at', 'desc')
    .orderBy('c.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const names = await partyNames(
    deps.db,
    rows.map((r) => r.id),
    principal.agencyId,
  );
  return {
    items: rows.map((r) => ({ ...toCaseView(r), partyNames: names.get(r.id) ?? [] })),
    total: Number(total),
  };
}

/** Every `kind:state` pair that is final. */
function finalStates(): string[] {
  return Object.values(lifecycles).flatMap((lc) =>
    lc.states.filter((s) => s.final).map((s) => `${lc.kind}:${s.id}`),
  );
}

/**
 * The case list's party search: a party whose name holds the text (a trigram index, 0015) or whose credit
 * code is the text. A natural person's name is matched only in the reader's own agency: elsewhere it is
 * masked (partyNames), and a search must not reveal what the list hides.
 */
export function partyMatches(text: string, readerAgencyId: string | null) {
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return (eb: ExpressionBuilder<DB & { c: DB['cases'] }, 'c'>) =>
    eb.exists(
      eb
        .selectFrom('case_parties as p')
        .select('p.id')
        .whereRef('p.case_id', '=', 'c.id')
        .where((w) =>
          w.or([
            w('p.credit_code', '=', text.toUpperCase()),
            w.and([
              w('p.name', 'like', like),
              w.or([
                w('p.party_type', 'in', ['organisation', 'individual_business']),
                w('p.agency_id', '=', readerAgencyId ?? ''),
              ]),
            ]),
          ]),
        ),
    );
}

/** Party names per case; a natural person's masked for a reader outside the case's agency. */
export async function partyNames(
  db: Db,
  caseIds: string[],
  readerAgencyId: string | null,
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (caseIds.length === 0) return map;
  const rows = await db
    .selectFrom('case_parties as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .select(['p.case_id', 'p.name', 'p.party_type', 'c.agency_id'])
    .where('p.case_id', 'in', caseIds)
    .orderBy('p.created_at')
    .execute();
  for (const r of rows) {
    const outsider = readerAgencyId !== null && readerAgencyId !== r.agency_id;
    const name = outsider && r.party_type === 'person' ? maskName(r.name) : r.name;
    map.set(r.case_id, [...(map.get(r.case_id) ?? []), name]);
  }
  return map;
}

/** Case numbers for the CLI (`sanxiang case list`), oldest first; every agency of the instance. */
export async function caseNumbers(db: Db, state: string | undefined): Promise<string[]> {
  let q = db.selectFrom('cases').select('case_number');
  if (state) q = q.where('state', '=', state);
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => r.case_number);
}

export interface DueItem extends DeadlineView {
  caseNumber: string;
  title: string;
  kind: LifecycleKind;
  state: string;
  stateLabel: string;
  agencyId: string;
}

/**
 * Running periods due within `days` days (overdue ones included), or only the overdue ones: for an
 * officer's workbench (`mine`: cases they are assigned to) and for supervision (the agencies below).
 */
export async function dueDeadlines(
  deps: CommandDeps,
  principal: Principal,
  query: DeadlinesQuery,
): Promise<DueItem[]> {
  const agencies = agenciesOf(principal, query.agencyId);
  if (agencies.length === 0) return [];
  const today = chinaDate(deps.clock.now());
  let q = deps.db
    .selectFrom('case_deadlines as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .selectAll('d')
    .select(['c.case_number', 'c.title', 'c.kind', 'c.state', 'c.suspensions'])
    .where('d.agency_id', 'in', agencies)
    .where('d.met_on', 'is', null);
  q =
    query.status === 'overdue'
      ? q.where('d.due_on', '<', today)
      : q.where('d.due_on', '<=', addCalendarDays(today, query.days));
  if (query.mine === 'true') {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_officers as o')
          .select('o.id')
          .whereRef('o.case_id', '=', 'c.id')
          .where('o.person_id', '=', principal.personId)
          .where('o.recused_at', 'is', null),
      ),
    );
  }
  const rows = await q.orderBy('d.due_on').orderBy('d.id').limit(1000).execute();
  return rows.map((r) => ({
    ...toDeadline(r, today, r),
    caseNumber: r.case_number,
    title: r.title,
    kind: r.kind,
    state: r.state,
    stateLabel: stateLabel(lifecycles[r.kind], r.state),
    agencyId: r.agency_id,
  }));
}

export interface Task {
  case: CaseView;
  partyNames: string[];
  /** The next steps the principal may take. */
  steps: { step: string; label: string; decision: boolean }[];
  /** The earliest running period of the case. */
  nextDue: { code: string; label: string; dueOn: string; overdue: boolean } | null;
}

/**
 * My tasks: open cases of the principal's agency where a next step is theirs to take — as an assigned
 * officer for officers' steps, by role for approvals, reviews and decisions — earliest deadline first.
 */
export async function myTasks(deps: CommandDeps, principal: Principal): Promise<Task[]> {
  authorize(principal, casesPolicy.read, principal.agencyId);
  const today = chinaDate(deps.clock.now());
  const rows = await deps.db
    .selectFrom('cases as c')
    .selectAll('c')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('case_officers as o')
            .select('o.id')
            .whereRef('o.case_id', '=', 'c.id')
            .where('o.person_id', '=', principal.personId)
            .where('o.recused_at', 'is', null),
        )
        .as('assigned'),
    )
    .where('c.agency_id', '=', principal.agencyId)
    .where((eb) => eb.not(eb(sql<string>`c.kind || ':' || c.state`, 'in', finalStates())))
    .orderBy('c.updated_at', 'desc')
    .limit(2000)
    .execute();
  const tasks: Task[] = [];
  const mine = rows.filter((r) => {
    const steps = nextStepsOf(r, principal).filter((s) => s.mayTake && !isExitStep(s.step));
    // An exit (移送, 终止调查) is a way out, not a task. Officers' steps belong to the officers assigned; approvals and decisions to the role.
    return steps.some((s) => s.roles.some((x) => x.role !== 'officer') || r.assigned);
  });
  const deadlines = mine.length
    ? await deps.db
        .selectFrom('case_deadlines')
        .selectAll()
        .where(
          'case_id',
          'in',
          mine.map((r) => r.id),
        )
        .where('met_on', 'is', null)
        .orderBy('due_on')
        .execute()
    : [];
  const names = await partyNames(
    deps.db,
    mine.map((r) => r.id),
    principal.agencyId,
  );
  for (const r of mine) {
    const { assigned: _assigned, ...kase } = r;
    const next = deadlines.find((d) => d.case_id === r.id);
    tasks.push({
      case: toCaseView(kase),
      partyNames: names.get(r.id) ?? [],
      steps: nextStepsOf(kase, principal)
        .filter((s) => s.mayTake && !isExitStep(s.step))
        .map((s) => ({ step: s.step, label: s.label, decision: s.decision })),
      nextDue: next
        ? {
            code: next.code,
            label: caseDeadlineDefs[next.code as CaseDeadlineCode].label,
            dueOn: next.due_on,
            overdue: next.due_on < today,
          }
        : null,
    });
  }
  return tasks.sort((a, b) => (a.nextDue?.dueOn ?? '9999').localeCompare(b.nextDue?.dueOn ?? '9999'));
}

export interface TimelineEvent {
  id: string;
  seq: number;
  action: string;
  step: string | null;
  label: string;
  fromState: string;
  toState: string;
  toStateLabel: string;
  on: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  officerIds: string[];
  reason: string | null;
  lateReason: string | null;
  details: Record<string, unknown>;
  enforcementStepId: string | null;
  /** The record-log index of the event's entry; null until the integrator has sequenced it. */
  logIndex: number | null;
}

const actionLabels: Readonly<Record<string, string>> = {
  created: '登记',
  officer_assigned: '指派办案人员',
  recusal_declared: '回避声明',
  officer_recused: '决定回避',
  recusal_applied: '当事人申请回避',
  recusal_refused: '决定不予回避',
  suspended: '中止',
  resumed: '恢复',
  extended: '延长期限',
  payment_recorded: '缴纳罚款（分期）',
  payment_plan_applied: '申请暂缓或分期缴纳罚款',
  payment_plan_decided: '审批暂缓或分期缴纳罚款',
  cash_handed_over: '当场收缴罚款交款',
};

/** The case's events in order, each with its record-log index (the proof that it is in the log). */
export async function caseTimeline(
  deps: CommandDeps,
  principal: Principal,
  id: string,
): Promise<TimelineEvent[]> {
  const kase = await readableCase(deps, principal, id);
  const lc = lifecycles[kase.kind];
  const rows = await deps.db
    .selectFrom('case_events as e')
    .leftJoin('people as p', 'p.id', 'e.actor_id')
    .leftJoin('audit_events as a', (j) =>
      j.on('a.subject_type', '=', 'case_event').onRef('a.subject_id', '=', 'e.id'),
    )
    .leftJoin('log_entries as l', 'l.event_id', 'a.id')
    .selectAll('e')
    .select(['p.name as actor_name', 'l.log_index'])
    .where('e.case_id', '=', kase.id)
    .orderBy('e.seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    action: r.action,
    step: r.step,
    label:
      (r.step ? lc.transitions.find((t) => t.step === r.step && t.from === r.from_state)?.label : null) ??
      actionLabels[r.action] ??
      r.action,
    fromState: r.from_state,
    toState: r.to_state,
    toStateLabel: stateLabel(lc, r.to_state),
    on: r.on_date,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    officerIds: r.officer_ids,
    reason: r.reason,
    lateReason: r.late_reason,
    details: r.details,
    enforcementStepId: r.enforcement_step_id,
    logIndex: r.log_index === null ? null : Number(r.log_index),
  }));
}
