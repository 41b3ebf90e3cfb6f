/**
 * The life of a publication (公示) and the checks around it, as pure functions: which step may follow
 * which, who may review, the final masking guard over every published field, the status the public sees
 * on a day, and the deadline for answering a correction request. Deadlines and periods themselves are in
 * deadlines.rules.ts; masking in masking.rules.ts.
 */
import {
  addWorkingDays,
  type DueDate,
  type WorkingCalendar,
} from '../platform/calendar/working-days.rules.ts';
import { findUnmaskedPersonalData, type PersonalDataLocation } from './masking.rules.ts';
import type { PersonalRecords } from './personal-data.rules.ts';

export type PublicationStatus = 'draft' | 'in_review' | 'published' | 'withdrawn' | 'ended';

export const publicationStatusLabels: Record<PublicationStatus, string> = {
  draft: '草稿',
  in_review: '待审核',
  published: '公示中',
  withdrawn: '已撤回',
  ended: '公示期满',
};

export type PublicationAction = 'submit' | 'approve' | 'return' | 'withdraw' | 'end_early';

/** 公示规定 §16 (whoever handles it enters it; internal review before publishing): draft → review → public. */
const transitions: Record<PublicationAction, { from: PublicationStatus; to: PublicationStatus }> = {
  submit: { from: 'draft', to: 'in_review' },
  approve: { from: 'in_review', to: 'published' },
  return: { from: 'in_review', to: 'draft' },
  withdraw: { from: 'published', to: 'withdrawn' }, // 行政处罚法 §48; 公示规定 §11
  end_early: { from: 'published', to: 'ended' }, // 公示规定 §14
};

/** The status after the action, or null when the action is not open from this status. */
export function nextPublicationStatus(
  status: PublicationStatus,
  action: PublicationAction,
): PublicationStatus | null {
  const t = transitions[action];
  return t.from === status ? t.to : null;
}

/** 公示规定 §16: the publisher reviews what someone else entered, never their own draft. */
export function mayReviewPublication(authorId: string | null, reviewerId: string): boolean {
  return authorId !== reviewerId;
}

/**
 * The status the public and the archive see on a day: a published item whose period has run out is
 * ended (公示规定 §13: it leaves public view the day after its last day), without anyone acting.
 */
export function shownStatus(
  status: PublicationStatus,
  periodEndsOn: string | null,
  today: string,
): PublicationStatus {
  if (status === 'published' && periodEndsOn !== null && today > periodEndsOn) return 'ended';
  return status;
}

/** What the public may see of it: the full page while public; only the notice and reason once withdrawn. */
export function publicVisibility(shown: PublicationStatus): 'full' | 'withdrawn' | 'none' {
  if (shown === 'published') return 'full';
  if (shown === 'withdrawn') return 'withdrawn';
  return 'none';
}

/** Every text the public reads of a publication: the page, the list, the feeds and the screen. */
export const guardedFields = [
  'partyName',
  'documentNumber',
  'title',
  'summary',
  'documentText',
  'withdrawalReason',
] as const;
export type GuardedField = (typeof guardedFields)[number];

export const guardedFieldLabels: Record<GuardedField, string> = {
  partyName: '当事人',
  documentNumber: '文号',
  title: '标题',
  summary: '摘要',
  documentText: '决定书正文',
  withdrawalReason: '撤回理由',
};

export interface GuardFinding extends PersonalDataLocation {
  field: GuardedField;
}

/**
 * The final guard (浙江 §7 [local]; 个人信息保护法 §13, mask when publishing; 政府信息公开条例 §15, no
 * personal privacy disclosed): every piece of personal data left in any published field given, with the
 * field, line and column. An organisation party's own name and credit code stay (公示规定 §4: published
 * under the party's name).
 */
export function guardFindings(
  fields: Partial<Record<GuardedField, string | null>>,
  records: PersonalRecords,
): GuardFinding[] {
  return guardedFields.flatMap((field) =>
    findUnmaskedPersonalData(fields[field] ?? '', records).map((l) => ({ field, ...l })),
  );
}

/** A finding as a clerk reads it: where, and what kind (never the data itself). */
export function describeFinding(f: GuardFinding, kindLabel: string): string {
  return `${guardedFieldLabels[f.field]}第 ${f.line} 行第 ${f.column} 列起 ${f.length} 个字符：${kindLabel}未脱敏`;
}

/**
 * The last day to answer a correction request. 公示规定 §12 says "promptly" with no number; 20 working
 * days follows 政府信息公开条例 §33 (answers to the public within 20 working days), configurable.
 */
export const CORRECTION_ANSWER_WITHIN = 20;

export function correctionDue(
  cal: WorkingCalendar,
  receivedOn: string,
  within = CORRECTION_ANSWER_WITHIN,
): DueDate {
  return addWorkingDays(cal, receivedOn, within); // 政府信息公开条例 §33 (by analogy; 公示规定 §12)
}

/** Was it published by its due day? (118号: within 7 / 20 working days of the decision.) */
export function publishedOnTime(dueOn: string, publishedOn: string): boolean {
  return publishedOn <= dueOn;
}
