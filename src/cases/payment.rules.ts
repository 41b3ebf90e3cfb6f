/**
 * Payment and execution of fines (issue 13 item 9; docs/rules.md "Payment and execution of fines"). Pure:
 * who collects, what a collection needs, the hand-over of cash, deferral and instalments, the surcharge,
 * and the periods of non-payment (催告 and the application to the people's court). § numbers without a
 * law are 行政处罚法 (2021).
 */
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  rollOverHolidays,
  type DateInterval,
  type DueDate,
  type WorkingCalendar,
} from '../platform/calendar/working-days.rules.ts';
import { latePaymentSurchargeFen } from './deadlines.rules.ts';

export interface PaymentProblem {
  path: string;
  message: string;
}

/**
 * How the fine reached the treasury. §67 ¶1–2 and 国务院令第235号 §3: the agency that decides does not
 * collect; the party pays at the designated bank or through the electronic payment system, and the officer
 * records that payment. `on_the_spot` is the exception of §68 and §69.
 */
export const paymentMethods = {
  bank: '指定银行缴纳',
  electronic: '电子支付系统缴纳',
  on_the_spot: '当场收缴',
} as const;
export type PaymentMethod = keyof typeof paymentMethods;

/** The grounds on which an officer may collect a fine on the spot (§68, §69). */
export const onTheSpotGrounds = {
  small_amount: '依法给予一百元以下罚款（§68（一））',
  hard_to_execute: '不当场收缴事后难以执行（§68（二））',
  remote_area: '边远、水上、交通不便地区，当事人到银行或通过电子支付系统缴纳确有困难并提出（§69）',
} as const;
export type OnTheSpotGround = keyof typeof onTheSpotGrounds;

/** §68(一): 依法给予一百元以下罚款的, in fen. */
export const smallAmountLimitFen = 100_00;

export interface CollectionFacts {
  procedure: 'ordinary' | 'summary' | null;
  method: PaymentMethod;
  fineFen: number;
  bankReceiptRef: string | null;
  ground: OnTheSpotGround | null;
  /** §70: the number of the special receipt issued by the (provincial) finance department. */
  receiptNumber: string | null;
  /** §69: the party asked to pay on the spot. */
  partyRequested: boolean;
}

/** What is wrong with how a payment was made or collected, each with its field and article. */
export function collectionProblems(f: CollectionFacts): PaymentProblem[] {
  const problems: PaymentProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (f.method !== 'on_the_spot') {
    // §67 ¶3 and 国务院令第235号 §3: paid at the bank; the officer records the bank's receipt, not cash
    if (!f.bankReceiptRef?.trim()) {
      add(
        'body.bankReceiptRef',
        '请填写银行或电子支付系统出具的缴款凭证号（行政处罚法 §67：到指定银行或通过电子支付系统缴纳）',
      );
    }
    return problems;
  }
  switch (f.ground) {
    case null:
      add(
        'body.ground',
        '当场收缴罚款须有法定情形（行政处罚法 §67：除 §68、§69 规定外，作出决定的机关及其执法人员不得自行收缴罚款）',
      );
      break;
    case 'small_amount':
      // §68: 依照本法第五十一条的规定当场作出行政处罚决定 — summary procedure only
      if (f.procedure !== 'summary') {
        add('body.ground', '一百元以下罚款当场收缴仅适用于简易程序当场作出的处罚决定（行政处罚法 §68）');
      } else if (f.fineFen > smallAmountLimitFen) {
        add(
          'body.ground',
          `罚款 ${f.fineFen / 100} 元超过一百元，不能以「一百元以下罚款」为由当场收缴（行政处罚法 §68（一））`,
        );
      }
      break;
    case 'hard_to_execute':
      if (f.procedure !== 'summary') {
        add(
          'body.ground',
          '「不当场收缴事后难以执行」仅适用于简易程序当场作出的处罚决定（行政处罚法 §68（二））',
        );
      }
      break;
    case 'remote_area':
      // §69: decisions under §51 (summary) and §57 (ordinary) alike, but only at the party's request
      if (!f.partyRequested) {
        add(
          'body.partyRequested',
          '边远、水上、交通不便地区当场收缴须由当事人提出（行政处罚法 §69：经当事人提出）',
        );
      }
      break;
  }
  // §70: without the special receipt the party may refuse to pay
  if (!f.receiptNumber?.trim()) {
    add(
      'body.receiptNumber',
      '当场收缴罚款须出具省级以上财政部门统一制发的专用票据，请填写票据号码（行政处罚法 §70）',
    );
  }
  return problems;
}

/**
 * §71, §85: the officer hands cash collected on the spot to the agency within 2 working days of the
 * collection, or of landing where it was collected on water.
 */
export function cashHandoverDue(cal: WorkingCalendar, collectedOrLandedOn: string): DueDate {
  return addWorkingDays(cal, collectedOrLandedOn, 2); // §71: 自收缴罚款之日起二日内；水上自抵岸之日起二日内
}

/** §71, §85: the agency pays the fines it received into the designated bank within 2 working days. */
export function cashDepositDue(cal: WorkingCalendar, handedOverOn: string): DueDate {
  return addWorkingDays(cal, handedOverOn, 2); // §71: 行政机关应当在二日内将罚款缴付指定的银行
}

/** An instalment of an approved plan (§66 ¶2): its amount and its own last day. */
export interface Instalment {
  dueOn: string;
  amountFen: number;
}

/** What the party asks for under §66 ¶2: deferral to a day, or instalments. */
export type PaymentPlanRequest =
  { kind: 'deferral'; until: string } | { kind: 'instalments'; instalments: readonly Instalment[] };

/** What is wrong with a request for deferral or instalments of a fine of `fineFen` still owed. */
export function paymentPlanProblems(
  request: PaymentPlanRequest,
  facts: { appliedOn: string; paymentDueOn: string; outstandingFen: number },
): PaymentProblem[] {
  const problems: PaymentProblem[] = [];
  if (facts.outstandingFen <= 0) {
    problems.push({ path: 'body.kind', message: '罚款已缴清，无须暂缓或分期缴纳' });
    return problems;
  }
  if (request.kind === 'deferral') {
    if (request.until <= facts.paymentDueOn) {
      problems.push({
        path: 'body.until',
        message: `暂缓缴纳的截止日应晚于原缴纳期限（${facts.paymentDueOn}）`,
      });
    }
    return problems;
  }
  const list = request.instalments;
  if (list.length < 2) {
    problems.push({ path: 'body.instalments', message: '分期缴纳至少分两期' });
    return problems;
  }
  let previous = facts.appliedOn;
  list.forEach((inst, i) => {
    if (inst.dueOn <= previous) {
      problems.push({
        path: `body.instalments.${i}.dueOn`,
        message: `第 ${i + 1} 期的缴纳期限应晚于${i === 0 ? `申请日（${facts.appliedOn}）` : '上一期'}`,
      });
    }
    previous = inst.dueOn;
  });
  const total = list.reduce((sum, inst) => sum + inst.amountFen, 0);
  if (total !== facts.outstandingFen) {
    problems.push({
      path: 'body.instalments',
      message: `各期金额合计 ${total / 100} 元，应等于未缴罚款 ${facts.outstandingFen / 100} 元`,
    });
  }
  return problems;
}

/**
 * The last day of an approved deferral or instalment: the day the agency approved, moved to the next
 * working day when it is a holiday (民法典 §203, as for the 15 days of §67).
 */
export function planLastDay(cal: WorkingCalendar, day: string): DueDate {
  return rollOverHolidays(cal, day);
}

/**
 * The days an approved deferral takes out of the surcharge (§66 ¶2, §72): from the day after the original
 * last day — or from the application, if the party applied when already late, the days before it having
 * accrued — to the deferral's last day.
 */
export function deferralExclusion(
  originalDueOn: string,
  appliedOn: string,
  lastDay: string,
): DateInterval | null {
  const dayAfterDue = addCalendarDays(originalDueOn, 1);
  const from = appliedOn > dayAfterDue ? appliedOn : dayAfterDue;
  return from <= lastDay ? { from, to: lastDay } : null;
}

/**
 * The surcharge on an amount paid on `paidOn` whose last day was `dueOn` (§72 ¶1(一)): 3 % of the amount
 * a day, capped at the amount; days in `excluded` (an approved deferral, §66 ¶2; review or suit, §73) do
 * not count. For an instalment, the amount is the instalment: only a missed instalment bears a surcharge.
 */
export function surchargeOn(
  amountFen: number,
  dueOn: string,
  paidOn: string,
  excluded: readonly DateInterval[] = [],
): number {
  if (paidOn <= dueOn) return 0;
  return latePaymentSurchargeFen(amountFen, dueOn, paidOn, excluded);
}

/**
 * 行政强制法 §35, §54, §69: the written demand (催告书) gives the party 10 days from its service to
 * perform; periods of 10 days or less in 行政强制法 are working days.
 */
export function paymentDemandDue(cal: WorkingCalendar, demandServedOn: string): DueDate {
  return addWorkingDays(cal, demandServedOn, 10); // 行政强制法 §54: 催告书送达十日后当事人仍未履行
}

/**
 * The end of the party's period to apply for review or to sue, after which the agency may apply to the
 * court (行政强制法 §53: 当事人在法定期限内不申请行政复议或者提起行政诉讼). Review is 60 days (行政复议法
 * §20) but a party who did not apply for review may still sue within 6 months of learning of the decision
 * (行政诉讼法 §46): the party's period ends only with the later, the 6 months. 最高人民法院关于适用《中华人民共和国
 * 行政诉讼法》的解释 (法释〔2018〕1号) §156 says so: 自被执行人的法定起诉期限届满之日起三个月内提出. The
 * decision is known on its service; a last day on a holiday moves on (民法典 §203; 民事诉讼法 §85).
 */
export function remedyPeriodEnds(cal: WorkingCalendar, servedOn: string): DueDate {
  return rollOverHolidays(cal, addMonths(servedOn, 6)); // 行政诉讼法 §46: 六个月内提出
}

/**
 * The first day of the agency's 3 months to apply to the court: the end of the party's remedy period or,
 * where a deferral or instalments were approved, the end of that period if later (§72 ¶2: 申请人民法院强制
 * 执行的期限，自暂缓或者分期缴纳罚款期限结束之日起计算).
 */
export function courtApplicationStart(remedyEndsOn: string, planEndsOn: string | null): string {
  return planEndsOn && planEndsOn > remedyEndsOn ? planEndsOn : remedyEndsOn;
}

/** 行政强制法 §53: within 3 months of the end of the period; a holiday last day moves on (民法典 §203). */
export function courtApplicationDue(cal: WorkingCalendar, startsOn: string): DueDate {
  return rollOverHolidays(cal, addMonths(startsOn, 3)); // 行政强制法 §53: 自期限届满之日起三个月内
}

export interface CourtApplicationFacts {
  on: string;
  demandDueOn: string | null;
  windowStartsOn: string;
  /** The officer confirms the party neither applied for review nor sued within the period (§53). */
  noRemedySought: boolean;
}

/** What stands against applying to the court on `on` (行政强制法 §53, §54). */
export function courtApplicationProblems(f: CourtApplicationFacts): PaymentProblem[] {
  const problems: PaymentProblem[] = [];
  if (f.demandDueOn === null) {
    problems.push({
      path: 'step',
      message: '申请人民法院强制执行前应当催告当事人履行义务（行政强制法 §54）',
    });
  } else if (f.on <= f.demandDueOn) {
    problems.push({
      path: 'body.on',
      message: `催告书送达十个工作日后当事人仍未履行的，方可申请（行政强制法 §54、§69），最早 ${addCalendarDays(f.demandDueOn, 1)}`,
    });
  }
  if (f.on <= f.windowStartsOn) {
    problems.push({
      path: 'body.on',
      message: `当事人申请行政复议或者提起行政诉讼的法定期限（或批准的暂缓、分期缴纳期限）至 ${f.windowStartsOn} 届满，届满后方可申请人民法院强制执行（行政强制法 §53；行政诉讼法 §46；行政处罚法 §72 ¶2）`,
    });
  }
  if (!f.noRemedySought) {
    problems.push({
      path: 'body.noRemedySought',
      message: '须确认当事人在法定期限内未申请行政复议、未提起行政诉讼（行政强制法 §53）',
    });
  }
  return problems;
}

/** What the court answered, recorded after the application (行政强制法 §56–§58). */
export const courtResults = {
  accepted: '人民法院已受理',
  not_accepted: '人民法院不予受理',
  enforcement_ordered: '人民法院裁定准予执行',
  enforcement_refused: '人民法院裁定不予执行',
  executed: '人民法院执行完毕',
  terminated: '人民法院裁定终结执行',
} as const;
export type CourtResult = keyof typeof courtResults;

/** An approved plan as the ledger needs it: the deferral's last day, or each instalment's. */
export type ApprovedPlan =
  | { kind: 'deferral'; appliedOn: string; lastDay: string }
  | { kind: 'instalments'; instalments: readonly { amountFen: number; lastDay: string }[] };

export interface LedgerFacts {
  fineFen: number;
  /** The last day of the 15 days of §67 (民法典 §203 applied), before any deferral. */
  originalDueOn: string;
  /** What was paid toward the fine so far (surcharges apart). */
  paidFineFen: number;
  /** Instalments paid so far, under an instalment plan. */
  instalmentsPaid: number;
  plan: ApprovedPlan | null;
}

export interface AmountDue {
  /** The fine still owed. */
  outstandingFen: number;
  /** What the next payment must bring toward the fine: all of it, or the next instalment. */
  fineDueFen: number;
  /** The next instalment (1-based), under an instalment plan. */
  instalment: number | null;
  /** The last day of what is due now (the 15 days, the deferral's, or the instalment's). */
  lastDay: string;
  surchargeFen: number;
  totalFen: number;
  /** Days the surcharge does not count (an approved deferral). */
  excluded: DateInterval[];
}

/**
 * What a payment on `asOf` must bring (§66 ¶2, §67, §72): the fine still owed, or under an instalment plan
 * the next instalment, with the surcharge for the days it is late — after its last day, outside an approved
 * deferral, 3 % a day, capped at the amount.
 */
export function amountDue(f: LedgerFacts, asOf: string): AmountDue {
  const outstandingFen = Math.max(0, f.fineFen - f.paidFineFen);
  const none = { outstandingFen, excluded: [] as DateInterval[] };
  if (outstandingFen === 0) {
    return {
      ...none,
      fineDueFen: 0,
      instalment: null,
      lastDay: f.originalDueOn,
      surchargeFen: 0,
      totalFen: 0,
    };
  }
  if (f.plan?.kind === 'instalments') {
    const next = f.plan.instalments[f.instalmentsPaid];
    if (next) {
      // §66 ¶2 with §72: each instalment has its own last day; only a missed one bears the surcharge
      const surchargeFen = surchargeOn(next.amountFen, next.lastDay, asOf);
      return {
        ...none,
        fineDueFen: next.amountFen,
        instalment: f.instalmentsPaid + 1,
        lastDay: next.lastDay,
        surchargeFen,
        totalFen: next.amountFen + surchargeFen,
      };
    }
  }
  const excluded: DateInterval[] = [];
  let lastDay = f.originalDueOn;
  if (f.plan?.kind === 'deferral') {
    // §66 ¶2: no surcharge runs during an approved deferral
    const interval = deferralExclusion(f.originalDueOn, f.plan.appliedOn, f.plan.lastDay);
    if (interval) excluded.push(interval);
    lastDay = f.plan.lastDay > lastDay ? f.plan.lastDay : lastDay;
  }
  const surchargeFen = surchargeOn(outstandingFen, f.originalDueOn, asOf, excluded);
  return {
    outstandingFen,
    fineDueFen: outstandingFen,
    instalment: null,
    lastDay,
    surchargeFen,
    totalFen: outstandingFen + surchargeFen,
    excluded,
  };
}

/** The end of an approved plan: the deferral's last day or the last instalment's (§72 ¶2). */
export function planEndsOn(plan: ApprovedPlan | null): string | null {
  if (!plan) return null;
  if (plan.kind === 'deferral') return plan.lastDay;
  return plan.instalments.at(-1)?.lastDay ?? null;
}
