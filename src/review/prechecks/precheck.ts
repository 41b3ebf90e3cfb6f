/**
 * The shape of an automatic pre-check (S-13, issue 6 item 4): what it found, the evidence it shows the
 * reviewer, the rule it applies, and which of the seven review points it feeds.
 */
import type { WorkingCalendar } from '../../platform/calendar/working-days.rules.ts';
import type { Point } from '../review.rules.ts';

export type PrecheckStatus = 'pass' | 'warn' | 'fail';

export const precheckStatusLabels: Record<PrecheckStatus, string> = {
  pass: '通过',
  warn: '提示',
  fail: '不通过',
};

export interface PrecheckResult {
  code: string;
  label: string;
  point: Point;
  status: PrecheckStatus;
  /** The rule applied, cited as users see it. */
  basis: string;
  /** What the check saw, one line each, in Chinese. */
  evidence: string[];
}

/** What a pre-check may know besides the package: the calendar and the day of the check. */
export interface PrecheckContext {
  calendar: WorkingCalendar;
  today: string;
}

/** The worst status of a list of findings: any fail fails, else any warn warns. */
export function worst(statuses: readonly PrecheckStatus[]): PrecheckStatus {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('warn')) return 'warn';
  return 'pass';
}
