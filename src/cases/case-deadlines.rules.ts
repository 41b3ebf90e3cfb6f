import {
  addWorkingDays,
  type DateInterval,
  type DueDate,
  type WorkingCalendar,
} from '../platform/calendar/working-days.rules.ts';
import {
  coerciveMeasureEnds,
  decisionDue,
  hearingRequestDue,
  leadVerificationDue,
  paymentDue,
  serviceDue,
} from './deadlines.rules.ts';
import { ignoredExclusion } from '../calculator/period-trace.rules.ts';
import {
  exclusionReasonLabels,
  periodExclusions,
  suspensionKindLabels,
  type Exclusion,
  type SuspensionKind,
  splitExclusions,
} from './excluded-time.rules.ts';
import { licensingDeadlineDefs, licensingPeriodDue } from './licensing-deadlines.rules.ts';
import { cashDepositDue, cashHandoverDue, courtApplicationDue, paymentDemandDue } from './payment.rules.ts';
import type { CaseDeadlineCode } from './lifecycles/lifecycle.ts';

/**
 * The periods a case runs, as the lifecycles open and meet them: how each is counted (deadlines.rules.ts),
 * what an approved extension adds, and whether a step past the last day is refused or allowed with a
 * recorded reason. Pure.
 */

export type LatePolicy =
  /** The right or the power ends with the period: the step is refused. */
  | 'refused'
  /** The duty stays after the period: the step is still taken, its lateness explained and recorded. */
  | 'reason';

export interface CaseDeadlineDef {
  code: CaseDeadlineCode;
  label: string;
  basis: string;
  late: LatePolicy;
  /** Whether an approved extension exists, and who approves it. */
  extension: { label: string; roles: readonly ('unit_head' | 'agency_head')[] } | null;
}

export const caseDeadlineDefs: Readonly<Record<CaseDeadlineCode, CaseDeadlineDef>> = {
  lead_verification: {
    code: 'lead_verification',
    label: '线索核查并决定是否立案',
    basis:
      '市场监督管理行政处罚程序规定 §18：十五个工作日，经批准可延长十五个工作日；检测、检验、检疫、鉴定等时间不计入',
    late: 'reason', // the lead must still be filed or not: the delay is recorded for supervision
    extension: { label: '延长十五个工作日', roles: ['agency_head'] },
  },
  decision: {
    code: 'decision',
    label: '作出处罚决定',
    basis:
      '行政处罚法 §60：自立案之日起九十日内；程序规定 §64：经负责人批准延长三十日，再延长须集体讨论；中止、听证、公告和检测、检验、检疫、鉴定等时间不计入',
    // Past the 90 days the decision is still made: the delay is a procedural defect, recorded with its
    // reason for review and supervision, not a bar to the decision (legal audit E5, row 11).
    late: 'reason',
    extension: { label: '延长三十日（再延长须集体讨论）', roles: ['agency_head'] },
  },
  hearing_request: {
    code: 'hearing_request',
    label: '当事人要求听证',
    basis: '行政处罚法 §64、§85：告知后五个工作日内提出',
    late: 'refused', // the party's right to ask lapses (§64)
    extension: null,
  },
  service: {
    code: 'service',
    label: '送达决定书',
    basis: '行政处罚法 §61、§85：宣告后七个工作日内送达',
    late: 'reason', // the decision must still be served
    extension: null,
  },
  payment: {
    code: 'payment',
    label: '缴纳罚款',
    basis: '行政处罚法 §67、§72：十五日内缴纳，逾期每日加处 3%',
    late: 'reason', // late payment is accepted with its surcharge
    extension: null,
  },
  coercive_measure: {
    code: 'coercive_measure',
    label: '查封、扣押期限',
    basis:
      '行政强制法 §25：三十日，情况复杂的经负责人批准可延长三十日；检测、检验、检疫或者技术鉴定的期间不计入（其他中止事由不延长）',
    late: 'reason', // property held too long must still be released
    extension: { label: '延长三十日', roles: ['agency_head'] },
  },
  licensing_decision: {
    code: 'licensing_decision',
    label: '作出许可决定',
    basis: '行政许可法 §42、§82：受理之日起二十个工作日内；经本机关负责人批准可延长十个工作日',
    late: 'reason',
    extension: { label: '延长十个工作日', roles: ['agency_head'] },
  },
  // The licensing periods of 行政许可法 §32, §44, §47 (counted in licensingPeriodDue below).
  ...licensingDeadlineDefs,
  payment_demand: {
    code: 'payment_demand',
    label: '催告履行',
    basis: '行政强制法 §35、§54、§69：催告书送达十个工作日后当事人仍未履行的，方可申请人民法院强制执行',
    late: 'reason', // the party may still pay after it
    extension: null,
  },
  court_application: {
    code: 'court_application',
    label: '申请人民法院强制执行',
    basis:
      '行政强制法 §53：自当事人申请复议、提起诉讼的期限届满之日起三个月内；法释〔2018〕1号 §156；行政处罚法 §72 ¶2',
    // Late, the court refuses the application unless there is good reason (法释〔2018〕1号 §156): the
    // application is still made, its reason recorded, the lateness a defect supervision sees.
    late: 'reason',
    extension: null,
  },
  cash_handover: {
    code: 'cash_handover',
    label: '当场收缴的罚款交至行政机关',
    basis: '行政处罚法 §71、§85：自收缴之日起两个工作日内（水上自抵岸之日起）',
    late: 'reason',
    extension: null,
  },
  cash_deposit: {
    code: 'cash_deposit',
    label: '罚款缴付指定银行',
    basis: '行政处罚法 §71、§85：行政机关收到后两个工作日内缴付指定的银行',
    late: 'reason',
    extension: null,
  },
};

/** The periods of payment and execution: not moved by a suspension or an extension of the case. */
export const executionPeriods: ReadonlySet<CaseDeadlineCode> = new Set([
  'payment',
  'payment_demand',
  'court_application',
  'cash_handover',
  'cash_deposit',
]);

/** What changes a period's last day: its approved extensions and the days it did not run. */
export interface PeriodFacts {
  /** Approved extensions so far (0, 1, or for the decision period more by collective deliberation). */
  extensions: number;
  /** Days set by collective deliberation beyond the head's extension (decision period only). */
  deliberatedDays: number;
  /**
   * The case's suspensions as exclusions (testing, hearing, public notice, other): each period counts out
   * only those the law names for it (excluded-time.rules.ts `periodExclusions`).
   */
  exclusions: readonly Exclusion[];
}

export const noPeriodFacts: PeriodFacts = { extensions: 0, deliberatedDays: 0, exclusions: [] };

/** The last day of a period opened on `openedOn` (the opening day not counted: docs/rules.md "Counting time"). */
export function caseDeadlineDue(
  cal: WorkingCalendar,
  code: CaseDeadlineCode,
  openedOn: string,
  facts: PeriodFacts = noPeriodFacts,
): DueDate {
  const extended = facts.extensions > 0;
  const excluded: DateInterval[] = splitExclusions(code, facts.exclusions).applied.map(({ from, to }) => ({
    from,
    to,
  }));
  switch (code) {
    case 'lead_verification':
      return leadVerificationDue(cal, openedOn, { extended, excluded });
    case 'decision':
      return decisionDue(cal, openedOn, {
        headApproved: extended,
        deliberatedDays: facts.deliberatedDays,
        suspensions: excluded,
      });
    case 'hearing_request':
      return hearingRequestDue(cal, openedOn);
    case 'service':
      return serviceDue(cal, openedOn);
    case 'payment':
      return paymentDue(cal, openedOn);
    case 'coercive_measure':
      return coerciveMeasureEnds(openedOn, { extended, testing: excluded });
    case 'licensing_decision':
      // 行政许可法 §42: 20 days, +10 approved; §82: these periods are working days
      return addWorkingDays(cal, openedOn, extended ? 30 : 20, { excluded });
    case 'licensing_completion_notice':
    case 'licence_issuance':
    case 'licensing_hearing_request':
    case 'licensing_hearing':
      return licensingPeriodDue(cal, code, openedOn);
    case 'payment_demand':
      return paymentDemandDue(cal, openedOn);
    case 'court_application':
      // opened on the first day of the window (payment.rules.ts courtApplicationStart), not on the step
      return courtApplicationDue(cal, openedOn);
    case 'cash_handover':
      return cashHandoverDue(cal, openedOn);
    case 'cash_deposit':
      return cashDepositDue(cal, openedOn);
  }
}

export type LateCheck =
  | { late: false }
  | { late: true; allowed: true; dueOn: string }
  | { late: true; allowed: false; dueOn: string; message: string };

/** A step on `on` against a period ending `dueOn`: in time, late with a reason, or refused. */
export function lateCheck(
  code: CaseDeadlineCode,
  dueOn: string,
  on: string,
  reason: string | null,
): LateCheck {
  if (on <= dueOn) return { late: false };
  const def = caseDeadlineDefs[code];
  if (def.late === 'refused') {
    return {
      late: true,
      allowed: false,
      dueOn,
      message: `「${def.label}」期限已于 ${dueOn} 届满（${def.basis}），不能再办理该环节`,
    };
  }
  if (!reason?.trim()) {
    return {
      late: true,
      allowed: false,
      dueOn,
      message: `「${def.label}」期限已于 ${dueOn} 届满，逾期办理须填写逾期理由（body.lateReason）`,
    };
  }
  return { late: true, allowed: true, dueOn };
}

/**
 * A suspension as the days it did not run: from the day it began to the day before it was lifted, both
 * counted as excluded; lifted the same day it began, none.
 */
export function suspensionInterval(from: string, liftedOn: string): DateInterval | null {
  if (liftedOn <= from) return null;
  const to = new Date(`${liftedOn}T00:00:00Z`);
  to.setUTCDate(to.getUTCDate() - 1);
  return { from, to: to.toISOString().slice(0, 10) };
}

/** A suspension of the case as one period sees it: counted out (applied) or not (ignored), and why. */
export interface ExclusionNote {
  from: string;
  to: string;
  kind: SuspensionKind;
  kindLabel: string;
  applied: boolean;
  text: string;
}

/**
 * The case's suspensions that fall within a period (from its opening to its end), each said to be counted
 * out or ignored, as the calculator's trace says it (period-trace.rules.ts).
 */
export function exclusionNotes(
  code: CaseDeadlineCode,
  suspensions: readonly (Exclusion & { kind: SuspensionKind })[],
  openedOn: string,
  endsOn: string,
): ExclusionNote[] {
  const def = caseDeadlineDefs[code];
  return suspensions
    .filter((s) => s.to > openedOn && s.from <= endsOn)
    .map((s) => {
      const applied = periodExclusions[code].includes(s.reason);
      return {
        from: s.from,
        to: s.to,
        kind: s.kind,
        kindLabel: suspensionKindLabels[s.kind],
        applied,
        text: applied
          ? `${exclusionReasonLabels[s.reason]}不计入「${def.label}」：${s.from} 至 ${s.to}`
          : ignoredExclusion(s, def.label).text,
      };
    });
}
