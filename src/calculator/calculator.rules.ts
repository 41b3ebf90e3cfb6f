/**
 * The deadline calculator (期限计算器): the rules the case system enforces, one computation each, for
 * officers, supervisors and the public, every answer with the steps of its computation and its basis
 * (docs/rules.md "Deadline calculator"). Pure: the calendar and the agency's settings are passed in.
 */
import { hearingRight, type ProposedSanction } from '../cases/hearing-right.rules.ts';
import { publicitySanction } from '../cases/sanctions.rules.ts';
import { partyTypeOf, type PartyType } from '../cases/party.rules.ts';
import { summaryFineLimitFen } from '../cases/summary.rules.ts';
import { latePaymentSurchargeFen, timeBarDate } from '../cases/deadlines.rules.ts';
import {
  addCalendarDays,
  calendarDaysBetween,
  type CalendarWarning,
  type WorkingCalendar,
} from '../platform/calendar/working-days.rules.ts';
import {
  defaultPublicityDeadlines,
  earlyEndFrom,
  publicityPeriod,
  strictEarlyEndFields,
  type PublicityDeadlineConfig,
} from '../publicity/deadlines.rules.ts';
import {
  ignoredExclusion,
  traceCalendarDays,
  traceWorkingDays,
  type Exclusion,
  type Trace,
  type TraceStep,
} from './period-trace.rules.ts';
import { periodRules, type CalculatorPeriod } from './periods.ts';

export interface PeriodQuestion {
  period: CalculatorPeriod;
  from: string;
  extended?: boolean;
  excluded?: readonly Exclusion[];
}

export interface PeriodAnswer {
  period: CalculatorPeriod;
  label: string;
  lastDay: string;
  basis: string;
  steps: TraceStep[];
  warnings: CalendarWarning[];
}

/** The last day of a statutory period, counted as the case system counts it, with its steps. */
export function computePeriod(cal: WorkingCalendar, q: PeriodQuestion): PeriodAnswer {
  const rule = periodRules[q.period];
  const given = q.excluded ?? [];
  const applies = given.filter((e) => rule.excludes.includes(e.reason));
  const ignored = given
    .filter((e) => !rule.excludes.includes(e.reason))
    .map((e) => ignoredExclusion(e, rule.label));
  const length = rule.length + (q.extended ? (rule.extension ?? 0) : 0);
  const trace: Trace =
    rule.unit === 'working_days'
      ? traceWorkingDays(cal, q.from, length, applies)
      : traceCalendarDays(cal, q.from, length, { excluded: applies, rollOver: rule.rollOver ?? false });
  const head: TraceStep[] = [];
  if (q.extended && rule.extension)
    head.push({
      kind: 'start',
      from: q.from,
      to: q.from,
      text: `经批准延长 ${rule.extension} ${rule.unit === 'working_days' ? '个工作日' : '日'}，共 ${length} ${rule.unit === 'working_days' ? '个工作日' : '日'}`,
    });
  return {
    period: q.period,
    label: rule.label,
    lastDay: trace.lastDay,
    basis: rule.basis,
    steps: [...head, ...ignored, ...trace.steps],
    warnings: trace.warnings,
  };
}

export interface SurchargeQuestion {
  fineFen: number;
  receivedOn: string;
  paidOn: string;
  /** Reconsideration or litigation (行政处罚法 §73), or an approved deferral (§66): no surcharge runs. */
  excluded?: readonly { from: string; to: string }[];
}

export interface SurchargeAnswer {
  lastDay: string;
  daysLate: number;
  surchargeFen: number;
  basis: string;
  steps: TraceStep[];
  warnings: CalendarWarning[];
}

/** The surcharge on a fine paid late: 3 % a day after the last day, never more than the fine (§72). */
export function computeSurcharge(cal: WorkingCalendar, q: SurchargeQuestion): SurchargeAnswer {
  const due = computePeriod(cal, { period: 'payment', from: q.receivedOn });
  const excluded = q.excluded ?? [];
  let daysLate = 0;
  for (let d = 1; d <= calendarDaysBetween(due.lastDay, q.paidOn); d++) {
    const date = addCalendarDays(due.lastDay, d);
    if (!excluded.some((i) => i.from <= date && date <= i.to)) daysLate++;
  }
  const surchargeFen = latePaymentSurchargeFen(q.fineFen, due.lastDay, q.paidOn, excluded);
  const steps: TraceStep[] = [...due.steps];
  steps.push(
    daysLate === 0
      ? { kind: 'last_day', from: q.paidOn, to: q.paidOn, text: `${q.paidOn} 缴纳，未逾期，不加处罚款` }
      : {
          kind: 'counted',
          from: addCalendarDays(due.lastDay, 1),
          to: q.paidOn,
          text: `逾期 ${daysLate} 日，每日按罚款数额的 3% 加处，合计 ${(surchargeFen / 100).toFixed(2)} 元${surchargeFen === q.fineFen ? '（以罚款数额为限）' : ''}`,
        },
  );
  return {
    lastDay: due.lastDay,
    daysLate,
    surchargeFen,
    basis: '行政处罚法 §67、§72（加处罚款不得超出罚款数额）、§73（复议、诉讼期间不加处）；民法典 §203',
    steps,
    warnings: due.warnings,
  };
}

export interface Party {
  type: PartyType;
  creditCode?: string | undefined;
}

export interface SummaryQuestion {
  party: Party;
  sanctions: readonly ProposedSanction[];
  officers: number;
}

export type SummaryProblemCode =
  'NO_SANCTION' | 'SANCTION_NOT_SUMMARY' | 'FINE_OVER_SUMMARY_LIMIT' | 'TOO_FEW_OFFICERS';

export interface SummaryAnswer {
  allowed: boolean;
  partyType: PartyType;
  problems: { code: SummaryProblemCode; message: string }[];
  basis: string;
}

/** May the penalty be decided on the spot (行政处罚法 §51, §52, §42)? */
export function summaryProcedure(q: SummaryQuestion): SummaryAnswer {
  const partyType = partyTypeOf(q.party.type, q.party.creditCode);
  const problems: SummaryAnswer['problems'] = [];
  if (q.sanctions.length === 0) problems.push({ code: 'NO_SANCTION', message: '未列出拟作出的行政处罚' });
  for (const s of q.sanctions) {
    if (s.kind !== 'warning' && s.kind !== 'fine')
      problems.push({
        code: 'SANCTION_NOT_SUMMARY',
        message: '简易程序只能作出警告或者较小数额的罚款（行政处罚法 §51），请适用普通程序',
      });
  }
  const fineFen = q.sanctions.reduce((sum, s) => sum + (s.kind === 'fine' ? (s.amountFen ?? 0) : 0), 0);
  const limit = summaryFineLimitFen[partyType];
  if (fineFen > limit) {
    const who =
      partyType === 'organisation'
        ? '法人或者其他组织'
        : partyType === 'individual_business'
          ? '个体工商户（按公民）'
          : '公民';
    problems.push({
      code: 'FINE_OVER_SUMMARY_LIMIT',
      message: `当场处罚的罚款不得超过 ${limit / 100} 元（行政处罚法 §51，${who}），本案 ${fineFen / 100} 元，请适用普通程序`,
    });
  }
  if (q.officers < 2)
    problems.push({
      code: 'TOO_FEW_OFFICERS',
      message: '执法人员不得少于两人（行政处罚法 §42，适用于简易程序）',
    });
  return {
    allowed: problems.length === 0,
    partyType,
    problems,
    basis: '行政处罚法 §42、§51、§52',
  };
}

export function hearingRightOf(party: Party, sanctions: readonly ProposedSanction[]) {
  return hearingRight(partyTypeOf(party.type, party.creditCode), sanctions);
}

/** The API's sanction kinds as the publicity rules tell them apart: one rule, the cases area's. */
export { publicitySanction };

export interface PublicityQuestion {
  party: Party;
  sanctions: readonly ProposedSanction[];
  field: string | null;
  publishedOn: string;
}

export interface PublicityAnswer {
  published: boolean;
  endsOn: string | null;
  earlyEndFrom: string | null;
  basis: string;
  steps: string[];
}

/** How long a published penalty stays public and from when it may end early (公示规定 §13, §14). */
export function publicityOf(
  q: PublicityQuestion,
  config: PublicityDeadlineConfig = defaultPublicityDeadlines,
): PublicityAnswer {
  const party =
    partyTypeOf(q.party.type, q.party.creditCode) === 'organisation' ? 'organisation' : 'natural_person';
  const sanctions = q.sanctions.map((s) => publicitySanction(s, q.publishedOn));
  const period = publicityPeriod(sanctions, party, q.publishedOn, config);
  const from = earlyEndFrom({ sanctions, party, field: q.field, publishedOn: q.publishedOn }, config);
  const steps = [
    period.rule === 'three_months'
      ? `仅通报批评或较低数额罚款（及警告）：公示期三个月，至 ${period.endsOn}，期满自动停止`
      : period.rule === 'three_years'
        ? `公示期三年，至 ${period.endsOn}`
        : `限制期限长于三年：公示至限制期满${period.endsOn ? `（${period.endsOn}）` : '（终身限制，持续公示）'}`,
    from === null
      ? '不得提前停止公示（信用修复管理办法 §6；公示规定 §14）'
      : `公示满${q.field !== null && strictEarlyEndFields.has(q.field) ? '一年（食品、药品、特种设备领域）' : '六个月'}后可申请提前停止公示：自 ${from} 起`,
  ];
  return {
    published: true, // 公示规定 §6: every penalty decision of the summary and ordinary procedure is published
    endsOn: period.endsOn,
    earlyEndFrom: from,
    basis: `${period.basis}；市场监督管理行政处罚信息公示规定 §14；市场监督管理信用修复管理办法 §6`,
    steps,
  };
}

export interface TimeBarQuestion {
  actEndedOn: string;
  discoveredOn: string;
  harm: boolean;
}

/** Was the act discovered in time to be punished (行政处罚法 §36)? */
export function timeBarOf(q: TimeBarQuestion) {
  const lastDay = timeBarDate(q.actEndedOn, q.harm).date;
  return {
    barred: q.discoveredOn > lastDay,
    lastDay,
    basis: q.harm
      ? '行政处罚法 §36：涉及公民生命健康安全、金融安全且有危害后果的，五年内未被发现的不再给予行政处罚'
      : '行政处罚法 §36：违法行为在二年内未被发现的，不再给予行政处罚；自违法行为终了之日起计算',
  };
}
