import type { Role } from '../platform/auth/roles.ts';
import {
  mayActWithAny,
  actRefusalMessages,
  type ActRefusal,
  type CertificateFacts,
} from '../org/certificate.rules.ts';
import { licensingHearingProblems } from './licensing.rules.ts';
import type { Lifecycle, Requirement, Transition } from './lifecycles/lifecycle.ts';

/**
 * The pure checks a step passes before the service writes it: is the step allowed in the case's state,
 * may the actor's roles take it, are enough certified officers assigned (行政处罚法 §42), and are its
 * requirements met. Each returns what was wrong, never throws: the service turns it into an error.
 */

export function stateLabel(lc: Lifecycle, state: string): string {
  return lc.states.find((s) => s.id === state)?.label ?? state;
}

/** The steps a state allows, each once (a step may lead from several states). */
export function allowedSteps(lc: Lifecycle, state: string): Transition[] {
  return lc.transitions.filter((t) => t.from === state);
}

export type StepCheck =
  | { ok: true; transition: Transition }
  | { ok: false; state: string; stateLabel: string; allowed: { step: string; label: string }[] };

/** The transition a step takes from a state, or the state and the steps it allows. */
export function transitionFor(lc: Lifecycle, state: string, step: string): StepCheck {
  const transition = lc.transitions.find((t) => t.from === state && t.step === step);
  if (transition) return { ok: true, transition };
  return {
    ok: false,
    state,
    stateLabel: stateLabel(lc, state),
    allowed: allowedSteps(lc, state).map((t) => ({ step: t.step, label: t.label })),
  };
}

/** Whether any of the actor's roles may take the step. */
export function mayTake(transition: Transition, roles: ReadonlySet<Role>): boolean {
  return transition.roles.some((r) => roles.has(r));
}

/** An officer assigned to a case, as the officer check needs them. */
export interface AssignedOfficer {
  personId: string;
  name: string;
  certificates: readonly CertificateFacts[];
  /** Stepped aside for a conflict of interest (行政处罚法 §43). */
  recused: boolean;
  /** Declared a conflict of interest, and no recusal decided yet. */
  declaredConflict: boolean;
  /** The party applied for the officer's recusal, and the head has not decided yet (§43 ¶2). */
  applicationPending: boolean;
}

export type OfficerProblem =
  | { kind: 'too_few'; required: number; available: number; message: string }
  | { kind: 'certificate'; personId: string; name: string; refusal: ActRefusal; message: string };

/**
 * Steps the law reserves to officers need at least `required` assigned officers who have not been recused,
 * each with a certificate valid for the case's field on the day of the step (行政处罚法 §42; 程序规定 §19;
 * 行政强制法 §18). Every officer without one is named. A recusal still to be decided is judged apart
 * (`recusalPending`).
 */
export function officerProblems(
  required: number,
  officers: readonly AssignedOfficer[],
  field: string,
  on: string,
): OfficerProblem[] {
  const active = officers.filter((o) => !o.recused);
  const problems: OfficerProblem[] = [];
  for (const o of active) {
    const refusal = mayActWithAny(o.certificates, field, on);
    if (refusal) {
      problems.push({
        kind: 'certificate',
        personId: o.personId,
        name: o.name,
        refusal,
        message: `执法人员${o.name}不能执法：${actRefusalMessages[refusal]}（${on}）`,
      });
    }
  }
  if (active.length < required) {
    problems.unshift({
      kind: 'too_few',
      required,
      available: active.length,
      message: `该环节须由不少于 ${required} 名持有效执法证的执法人员办理，当前指派 ${active.length} 名`,
    });
  }
  return problems;
}

/**
 * Service by post, by electronic means (with consent) or by public notice is made without officers at the
 * party's door, so the law's two officers (§42, §55) are not needed for it (行政处罚法 §61; 民事诉讼法 §90, §91,
 * §95 as 程序规定's service articles apply them); service in person, on the spot or by leaving the document at
 * the address (留置送达, with witnesses) is made by officers and keeps the step's number.
 */
export const remoteServiceMethods: ReadonlySet<string> = new Set(['mail', 'electronic', 'public_notice']);

/** The certified officers a step needs, given how it is done (only service varies). */
export function officersRequired(
  t: Pick<Transition, 'step' | 'officers'>,
  serviceMethod: string | null,
): number {
  if (t.step === 'serve' && serviceMethod !== null && remoteServiceMethods.has(serviceMethod)) return 0;
  return t.officers ?? 0;
}

export interface RecusalPending {
  personId: string;
  name: string;
  /** Declared by the officer, or applied for by the party. */
  by: 'declaration' | 'application';
  message: string;
}

/**
 * A recusal not yet decided (a declared conflict, or the party's application): 行政处罚法 §43 ¶3 and 程序规定
 * §4 ¶3 — 回避决定作出之前，不停止调查. Investigating acts go on; every other step (the end of the
 * investigation, the notice, the decision, an exit…) waits for the head's decision, so that no step that
 * disposes of the case is taken by an officer who may have to step aside. Recused officers are out already.
 */
export function recusalPending(
  transition: Transition,
  officers: readonly AssignedOfficer[],
): RecusalPending[] {
  if (transition.investigation) return [];
  return officers
    .filter((o) => !o.recused && (o.declaredConflict || o.applicationPending))
    .map((o) => ({
      personId: o.personId,
      name: o.name,
      by: o.declaredConflict ? 'declaration' : 'application',
      message: o.declaredConflict
        ? `执法人员${o.name}已声明与本案有利害关系，须先由负责人作出回避决定（调查取证可以继续，行政处罚法 §43）`
        : `当事人已申请执法人员${o.name}回避，须先由负责人作出决定（调查取证可以继续，行政处罚法 §43）`,
    }));
}

export const requirementLabels: Readonly<Record<Requirement, string>> = {
  reason: '须填写理由或审批意见',
  hearing_period_over: '陈述、申辩和听证申请期限届满（或当事人书面放弃）后方可进行',
  hearing_chair: '听证由非本案调查人员主持，并于听证七日前通知当事人',
  service_consent_if_electronic: '电子送达须当事人书面同意',
  amount: '须填写金额（分）',
  nothing_to_execute: '仅适用于无罚款等执行内容的决定',
  termination_ground: '须选择终止调查的情形（程序规定 §48）',
  transferee: '须填写接收案件的机关',
  remedy: '须告知申请人向有关行政机关申请，或者依法申请行政复议、提起行政诉讼的权利',
  licensing_hearing_chair:
    '听证由审查该申请的工作人员以外的人员主持，七日前通知，听证笔录经参加人签字或者盖章',
  licence_granted: '仅适用于准予行政许可的决定',
  licence_refused: '仅适用于不予行政许可的决定（准予许可的，颁发、送达许可证件）',
};

/** The facts the requirements are judged on, as the service gathers them. */
export interface RequirementFacts {
  reason: string | null;
  amountFen: number | null;
  /** The last day of the party's hearing-request period, and whether the party waived it in writing. */
  hearingRequestDue: string | null;
  rightsWaived: boolean;
  /** For a hearing: the chair, the day the party was notified, the earliest lawful hearing day. */
  hearingChairId: string | null;
  investigatorIds: readonly string[];
  hearingOn: string | null;
  earliestHearingOn: string | null;
  /** For service. */
  serviceMethod: string | null;
  electronicConsent: boolean;
  /** What the decision left to execute, in fen (0 for a warning or no penalty). */
  decidedAmountFen: number | null;
  /** For an exit: the ground of ending the investigation, the body the case goes to. */
  terminationGround: string | null;
  transferee: string | null;
  /** The decision's outcome (e.g. `grant`, `refuse`), null before the decision. */
  decidedOutcome?: string | null;
  /** The remedy told with a refusal to accept. */
  remedy?: string | null;
  /** The hearing record was signed or sealed by the participants (行政许可法 §48). */
  hearingRecordSigned?: boolean;
  /** The day of the step. */
  on: string;
}

export interface RequirementProblem {
  requirement: Requirement;
  path: string;
  message: string;
}

/** Each unmet requirement of a step, with the input field it concerns. */
export function requirementProblems(transition: Transition, f: RequirementFacts): RequirementProblem[] {
  const problems: RequirementProblem[] = [];
  const add = (requirement: Requirement, path: string, message: string) =>
    problems.push({ requirement, path, message });
  for (const r of transition.requires ?? []) {
    switch (r) {
      case 'reason':
        if (!f.reason?.trim()) add(r, 'body.reason', requirementLabels.reason);
        break;
      case 'amount':
        if (f.amountFen === null) add(r, 'body.amountFen', requirementLabels.amount);
        break;
      case 'hearing_period_over':
        // 行政处罚法 §62, §64: no decision before the party could state, defend and ask for a hearing
        if (!f.rightsWaived && f.hearingRequestDue !== null && f.on <= f.hearingRequestDue) {
          add(
            r,
            'body.rightsWaived',
            `${requirementLabels.hearing_period_over}：期限至 ${f.hearingRequestDue}`,
          );
        }
        break;
      case 'hearing_chair':
        // 行政处罚法 §64(4): 听证由行政机关指定的非本案调查人员主持
        if (f.hearingChairId === null) add(r, 'body.hearingChairId', '须指定听证主持人');
        else if (f.investigatorIds.includes(f.hearingChairId)) {
          add(r, 'body.hearingChairId', '听证主持人不得是本案调查人员');
        }
        // 行政处罚法 §64(2): 在举行听证的七日前通知当事人
        if (f.earliestHearingOn === null) add(r, 'body.hearingNotifiedOn', '须填写听证通知日期');
        else if ((f.hearingOn ?? f.on) < f.earliestHearingOn) {
          add(r, 'body.hearingNotifiedOn', `听证须在通知七个工作日后举行，最早 ${f.earliestHearingOn}`);
        }
        break;
      case 'service_consent_if_electronic':
        if (f.serviceMethod === 'electronic' && !f.electronicConsent) {
          add(r, 'body.electronicConsent', requirementLabels.service_consent_if_electronic);
        }
        break;
      case 'nothing_to_execute':
        if ((f.decidedAmountFen ?? 0) > 0) add(r, 'step', requirementLabels.nothing_to_execute);
        break;
      case 'termination_ground':
        if (!f.terminationGround) add(r, 'body.terminationGround', requirementLabels.termination_ground);
        break;
      case 'transferee':
        if (!f.transferee?.trim()) add(r, 'body.transferee', requirementLabels.transferee);
        break;
      case 'remedy':
        if (!f.remedy?.trim()) add(r, 'body.remedy', requirementLabels.remedy);
        break;
      case 'licensing_hearing_chair':
        for (const p of licensingHearingProblems({
          chairId: f.hearingChairId,
          reviewerIds: f.investigatorIds,
          hearingOn: f.hearingOn ?? f.on,
          earliestHearingOn: f.earliestHearingOn,
          recordSigned: f.hearingRecordSigned === true,
        }))
          add(r, p.path, p.message);
        break;
      case 'licence_granted':
        if (f.decidedOutcome !== 'grant') add(r, 'step', requirementLabels.licence_granted);
        break;
      case 'licence_refused':
        if (f.decidedOutcome === 'grant') add(r, 'step', requirementLabels.licence_refused);
        break;
    }
  }
  return problems;
}

/** Problems of a lifecycle definition itself: what a test of every lifecycle checks. */
export function lifecycleProblems(lc: Lifecycle): string[] {
  const ids = new Set(lc.states.map((s) => s.id));
  const problems: string[] = [];
  if (!ids.has(lc.initial)) problems.push(`initial state ${lc.initial} unknown`);
  for (const t of lc.transitions) {
    if (!ids.has(t.from)) problems.push(`${t.step}: unknown state ${t.from}`);
    if (!ids.has(t.to)) problems.push(`${t.step}: unknown state ${t.to}`);
    if (lc.states.find((s) => s.id === t.from)?.final) problems.push(`${t.step} leaves final ${t.from}`);
    if (!t.basis) problems.push(`${t.step}: no basis`);
    if (t.roles.length === 0) problems.push(`${t.step}: nobody may take it`);
  }
  const reached = new Set([lc.initial]);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of lc.transitions) {
      if (reached.has(t.from) && !reached.has(t.to)) {
        reached.add(t.to);
        grew = true;
      }
    }
  }
  for (const s of lc.states) if (!reached.has(s.id)) problems.push(`state ${s.id} unreachable`);
  for (const s of lc.states) {
    if (!s.final && !lc.transitions.some((t) => t.from === s.id))
      problems.push(`state ${s.id} is a dead end`);
  }
  return problems;
}
