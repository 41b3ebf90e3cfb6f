import {
  addWorkingDays,
  type DueDate,
  type WorkingCalendar,
} from '../platform/calendar/working-days.rules.ts';
import type { CaseDeadlineDef } from './case-deadlines.rules.ts';

/**
 * The periods of a licensing case besides the decision period (case-deadlines.rules.ts
 * `licensing_decision`): how long each runs and what a step past it means. Every one is in working days:
 * 行政许可法 §82 counts the law's periods of the agency in working days, and the applicant's 5 days of §47
 * are counted the same way (the reading that never cuts the applicant's right short). Pure.
 */

export type LicensingPeriodCode =
  'licensing_completion_notice' | 'licence_issuance' | 'licensing_hearing_request' | 'licensing_hearing';

export const licensingPeriodDays: Readonly<Record<LicensingPeriodCode, number>> = {
  // 行政许可法 §32 ¶1 (四): 当场或者在五日内一次告知需要补正的全部内容
  licensing_completion_notice: 5,
  // §44: 作出准予行政许可决定之日起十日内颁发、送达行政许可证件
  licence_issuance: 10,
  // §47: 申请人、利害关系人在被告知听证权利之日起五日内提出听证申请
  licensing_hearing_request: 5,
  // §47: 行政机关应当在二十日内组织听证
  licensing_hearing: 20,
};

export const licensingDeadlineDefs: Readonly<Record<LicensingPeriodCode, CaseDeadlineDef>> = {
  licensing_completion_notice: {
    code: 'licensing_completion_notice',
    label: '受理、不予受理或一次告知补正',
    basis:
      '行政许可法 §32 ¶1（四）、§82：收到申请材料之日起五个工作日内；逾期不告知的，自收到申请材料之日起即为受理',
    // Past it a completion notice or a refusal is refused; an acceptance is recorded as of the day the
    // materials were received (licensing.rules.ts `receiptCheck`), so no late reason is asked for.
    late: 'refused',
    extension: null,
  },
  licence_issuance: {
    code: 'licence_issuance',
    label: '颁发、送达许可证件',
    basis: '行政许可法 §44、§82：作出准予行政许可决定之日起十个工作日内',
    late: 'reason', // the licence must still be issued: the delay is recorded
    extension: null,
  },
  licensing_hearing_request: {
    code: 'licensing_hearing_request',
    label: '申请人、利害关系人要求听证',
    basis: '行政许可法 §47、§82：被告知听证权利之日起五个工作日内提出',
    late: 'refused', // 逾期不提出的，视为放弃听证权利
    extension: null,
  },
  licensing_hearing: {
    code: 'licensing_hearing',
    label: '组织听证',
    basis: '行政许可法 §47、§82：收到听证申请之日起二十个工作日内组织听证',
    late: 'reason', // the hearing asked for must still be held
    extension: null,
  },
};

/** The last day of a licensing period opened on `openedOn` (the opening day not counted). */
export function licensingPeriodDue(
  cal: WorkingCalendar,
  code: LicensingPeriodCode,
  openedOn: string,
): DueDate {
  return addWorkingDays(cal, openedOn, licensingPeriodDays[code]);
}
