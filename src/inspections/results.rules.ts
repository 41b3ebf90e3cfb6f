import { addWorkingDays, type WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import type { InspectionResult } from '../platform/db/schema.ts';

/**
 * The result of a drawn inspection and its publication (issue 15 item 5). 食品生产经营监督检查管理办法 §39:
 * 检查结果信息形成后二十个工作日内向社会公开; 国办发〔2015〕58号 (四): 抽查情况及查处结果要及时公布. Pure.
 */

export const PUBLISH_WITHIN_WORKING_DAYS = 20;
export const publishBasis = '食品生产经营监督检查管理办法 §39：检查结果信息形成后二十个工作日内向社会公开';

export const inspectionResults = ['passed', 'problems', 'not_found', 'rectify', 'referred'] as const;

export const resultLabels: Record<InspectionResult, string> = {
  passed: '合格（未发现问题）',
  problems: '发现问题',
  not_found: '未发现（通过登记的住所或经营场所无法联系）',
  rectify: '发现问题，责令整改',
  referred: '发现违法线索，转立案',
};

/**
 * The case states in which a result may be recorded: after 出具检查结果 (the lifecycle's `conclude`), and
 * for an order to correct or a referral only once the case took that step (the order issued, the penalty
 * lead opened), so the published result never says more than the record holds.
 */
const statesFor: Record<InspectionResult, readonly string[]> = {
  passed: ['concluded', 'closed', 'archived'],
  problems: ['concluded', 'correcting', 'referred', 'closed', 'archived'],
  not_found: ['concluded', 'closed', 'archived'],
  rectify: ['correcting', 'closed', 'archived'],
  referred: ['referred', 'closed', 'archived'],
};

const stepFor: Record<InspectionResult, string> = {
  passed: '出具检查结果',
  problems: '出具检查结果',
  not_found: '出具检查结果',
  rectify: '责令改正',
  referred: '转为处罚案源',
};

/** Why a result cannot be recorded for a case in this state, or null. */
export function resultRefusal(
  result: InspectionResult,
  caseState: string,
  stateLabel: string,
): string | null {
  if (statesFor[result].includes(caseState)) return null;
  return `检查案件当前为「${stateLabel}」：记录「${resultLabels[result]}」前，须先在案件中办理「${stepFor[result]}」`;
}

/** The last day to publish a result formed on `resultOn`. */
export const publishDueOn = (cal: WorkingCalendar, resultOn: string): string =>
  addWorkingDays(cal, resultOn, PUBLISH_WITHIN_WORKING_DAYS).date;
