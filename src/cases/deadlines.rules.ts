/**
 * The statutory periods of the penalty procedure (docs/rules.md "Penalty procedure, market regulation"). Each
 * function returns the last day of its period (the start day not counted, docs/rules.md "Counting time") with
 * the calendar's warnings. Periods of 2, 3, 5 and 7 days in 行政处罚法 are working days (§85); the
 * others are natural days. A natural-day period whose last day is a holiday ends on the next working day
 * (民法典 §203) where it is the party's period or the agency's period to act (payment, decision); a
 * restraint on property (seizure, 行政强制法 §25) is not lengthened by a holiday.
 */
import {
  addCalendarDays,
  addWorkingDays,
  addYears,
  calendarDaysBetween,
  rollOverHolidays,
  type DateInterval,
  type DueDate,
  type WorkingCalendar,
} from '../platform/calendar/working-days.rules.ts';

export type PeriodCode =
  | 'lead_verification'
  | 'decision'
  | 'hearing_request'
  | 'hearing_notice'
  | 'advance_preservation'
  | 'service'
  | 'payment'
  | 'late_payment_surcharge'
  | 'coercive_measure'
  | 'time_bar';

export interface StatutoryPeriod {
  code: PeriodCode;
  label: string;
  basis: string;
  length: number;
  unit: 'working_days' | 'days' | 'years' | 'percent_per_day';
  /** What an approval may add, in the same unit. */
  extension?: number;
  note?: string;
}

/** The periods as the workbench shows them, each with the rule it comes from. */
export const periods: Readonly<Record<PeriodCode, StatutoryPeriod>> = {
  lead_verification: {
    code: 'lead_verification',
    label: '线索核查',
    basis: '市场监督管理行政处罚程序规定 §18',
    length: 15,
    unit: 'working_days',
    extension: 15,
    note: '检测、检验、检疫、鉴定等时间不计入',
  },
  decision: {
    code: 'decision',
    label: '作出处罚决定',
    basis: '行政处罚法 §60；市场监督管理行政处罚程序规定（延长）；民法典 §203',
    length: 90,
    unit: 'days',
    extension: 30,
    note: '自立案之日起；经负责人批准可延长三十日，再延长须集体讨论；听证、公告、检测等时间不计入；最后一日为法定休假日的顺延',
  },
  hearing_request: {
    code: 'hearing_request',
    label: '提出听证要求',
    basis: '行政处罚法 §64、§85',
    length: 5,
    unit: 'working_days',
    note: '自告知之日起',
  },
  hearing_notice: {
    code: 'hearing_notice',
    label: '听证通知',
    basis: '行政处罚法 §64、§85',
    length: 7,
    unit: 'working_days',
    note: '举行听证的七日前通知当事人',
  },
  advance_preservation: {
    code: 'advance_preservation',
    label: '先行登记保存处理决定',
    basis: '行政处罚法 §56、§85',
    length: 7,
    unit: 'working_days',
  },
  service: {
    code: 'service',
    label: '送达处罚决定书',
    basis: '行政处罚法 §61、§85',
    length: 7,
    unit: 'working_days',
    note: '当事人不在场的，宣告后七日内送达',
  },
  payment: {
    code: 'payment',
    label: '缴纳罚款',
    basis: '行政处罚法 §67；民法典 §203',
    length: 15,
    unit: 'days',
    note: '自收到决定书之日起；最后一日为法定休假日的，顺延至休假日结束的次日',
  },
  late_payment_surcharge: {
    code: 'late_payment_surcharge',
    label: '加处罚款',
    basis: '行政处罚法 §72、§73',
    length: 3,
    unit: 'percent_per_day',
    note: '每日按罚款数额的 3% 加处，不超出罚款数额；复议、诉讼期间不计算',
  },
  coercive_measure: {
    code: 'coercive_measure',
    label: '查封、扣押期限',
    basis: '行政强制法 §25',
    length: 30,
    unit: 'days',
    extension: 30,
    note: '检测、检验、检疫、技术鉴定期间不计入',
  },
  time_bar: {
    code: 'time_bar',
    label: '追责时效',
    basis: '行政处罚法 §36',
    length: 2,
    unit: 'years',
    note: '涉及公民生命健康安全、金融安全且有危害后果的为五年；自违法行为终了之日起计算',
  },
};

const calendarDue = (date: string): DueDate => ({ date, warnings: [] });

/** Lead verified and filing decided within 15 working days of discovery, +15 approved (程序规定 §18). */
export function leadVerificationDue(
  cal: WorkingCalendar,
  discoveredOn: string,
  options: { extended?: boolean; excluded?: readonly DateInterval[] } = {},
): DueDate {
  // 程序规定 §18: testing, inspection, appraisal and identification time not counted
  const { length, extension = 0 } = periods.lead_verification;
  const days = length + (options.extended ? extension : 0);
  return addWorkingDays(cal, discoveredOn, days, { excluded: options.excluded ?? [] });
}

export interface DecisionPeriodOptions {
  /** +30 days approved by the agency's head (程序规定 [report]). */
  headApproved?: boolean;
  /** Further days set by collective deliberation (程序规定 [report]). */
  deliberatedDays?: number;
  /** Suspension, hearing, public notice, testing: the days on which the period did not run. */
  suspensions?: readonly DateInterval[];
}

/**
 * Decision within 90 days of filing (行政处罚法 §60), natural days, excluded days not counted; a last day on
 * a holiday moves to the next working day (民法典 §203).
 */
export function decisionDue(
  cal: WorkingCalendar,
  filedOn: string,
  options: DecisionPeriodOptions = {},
): DueDate {
  const deliberated = options.deliberatedDays ?? 0;
  if (!Number.isInteger(deliberated) || deliberated < 0) throw new RangeError('deliberatedDays must be ≥ 0');
  const { length, extension = 0 } = periods.decision;
  const days = length + (options.headApproved ? extension : 0) + deliberated;
  return rollOverHolidays(cal, addCalendarDays(filedOn, days, { excluded: options.suspensions ?? [] }));
}

/** The party may ask for a hearing within 5 working days of the notice (行政处罚法 §64, §85). */
export function hearingRequestDue(cal: WorkingCalendar, notifiedOn: string): DueDate {
  return addWorkingDays(cal, notifiedOn, periods.hearing_request.length); // §64: 告知后五日内提出
}

/**
 * Notice of the hearing 7 working days before it (行政处罚法 §64, §85), read as seven clear working days
 * between the notice and the hearing, neither day counted: the reading that satisfies every other one.
 */
export function hearingNoticeLatest(cal: WorkingCalendar, hearingOn: string): DueDate {
  return addWorkingDays(cal, hearingOn, -(periods.hearing_notice.length + 1));
}

/** The earliest working day a hearing may be held after its notice (the same rule, forwards). */
export function earliestHearingOn(cal: WorkingCalendar, notifiedOn: string): DueDate {
  return addWorkingDays(cal, notifiedOn, periods.hearing_notice.length + 1);
}

/** Evidence preserved in advance: decided on within 7 working days (行政处罚法 §56, §85). */
export function advancePreservationDue(cal: WorkingCalendar, preservedOn: string): DueDate {
  return addWorkingDays(cal, preservedOn, periods.advance_preservation.length); // §56: 七日内
}

/** A decision not handed over on the spot is served within 7 working days (行政处罚法 §61, §85). */
export function serviceDue(cal: WorkingCalendar, decidedOn: string): DueDate {
  return addWorkingDays(cal, decidedOn, periods.service.length); // §61: 七日内送达
}

/**
 * A fine is paid within 15 days of receiving the decision (行政处罚法 §67); a last day on a holiday moves to
 * the next working day (民法典 §203), so no surcharge runs for the holiday.
 */
export function paymentDue(cal: WorkingCalendar, servedOn: string): DueDate {
  return rollOverHolidays(cal, addCalendarDays(servedOn, periods.payment.length)); // §67: 十五日内
}

/**
 * Late payment: 3% of the fine for each day after the due day, never more than the fine (行政处罚法
 * §72); days of reconsideration or litigation not counted (§73). Integer fen, rounded down.
 */
export function latePaymentSurchargeFen(
  fineFen: number,
  dueOn: string,
  asOf: string,
  appeals: readonly DateInterval[] = [],
): number {
  if (!Number.isSafeInteger(fineFen) || fineFen < 0) throw new RangeError('fine must be whole fen ≥ 0');
  let days = 0;
  for (let d = 1; d <= calendarDaysBetween(dueOn, asOf); d++) {
    const date = addCalendarDays(dueOn, d);
    if (!appeals.some((i) => i.from <= date && date <= i.to)) days++;
  }
  // Past the days that reach 100% the cap holds; stopping there keeps the product a safe integer.
  const percent = periods.late_payment_surcharge.length;
  const counted = Math.min(days, Math.ceil(100 / percent));
  return Math.min(fineFen, Math.floor((fineFen * percent * counted) / 100)); // §72: capped at the fine
}

/** Sealing or seizure lasts at most 30 days, +30 approved (行政强制法 §25); testing time not counted. */
export function coerciveMeasureEnds(
  startedOn: string,
  options: { extended?: boolean; testing?: readonly DateInterval[] } = {},
): DueDate {
  // 行政强制法 §69: only periods of 10 days or less are working days, so 30 days are natural days
  const { length, extension = 0 } = periods.coercive_measure;
  const days = length + (options.extended ? extension : 0);
  return calendarDue(addCalendarDays(startedOn, days, { excluded: options.testing ?? [] }));
}

/**
 * The last day an act may be discovered and still punished: 2 years from its end, 5 where it touches life,
 * health or financial security with harmful results (行政处罚法 §36).
 */
export function timeBarDate(actEndedOn: string, lifeHealthOrFinancialHarm = false): DueDate {
  return calendarDue(addYears(actEndedOn, lifeHealthOrFinancialHarm ? 5 : periods.time_bar.length));
}

/** Was the act discovered too late to be punished (行政处罚法 §36)? */
export function isTimeBarred(
  actEndedOn: string,
  discoveredOn: string,
  lifeHealthOrFinancialHarm = false,
): boolean {
  return discoveredOn > timeBarDate(actEndedOn, lifeHealthOrFinancialHarm).date;
}
