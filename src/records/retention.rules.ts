import { addMonths } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import { evidenceKindLabels, evidenceKinds, type EvidenceKind } from './evidence.rules.ts';

/**
 * How long evidence files are kept (issue 3 item 9, docs/rules.md "Full-process recording"). Each agency may
 * lengthen the periods per kind of evidence; none may go below the national floor. A file goes only when
 * its period has run out, never when it is marked as kept for good, and then only by a disposal that an
 * authorised person records.
 */

/** Months per kind of evidence; null keeps the kind permanently. */
export type RetentionPeriods = Readonly<Record<EvidenceKind, number | null>>;

/**
 * AV records are kept at least six months: a default floor, not a national rule. No national rule binding
 * market regulation sets a number (the police's 视音频记录工作规定 §13 does so for the police only, and does
 * not bind 市场监管); six months is what local 执法全过程记录 rules commonly set [local]. An agency may keep longer.
 */
export const MIN_RETENTION_MONTHS = 6;
const MAX_RETENTION_MONTHS = 1200;

export const defaultRetention: RetentionPeriods = {
  photo: MIN_RETENTION_MONTHS,
  audio: MIN_RETENTION_MONTHS,
  video: MIN_RETENTION_MONTHS,
  // 行政处罚法 §47: written records are archived with the case; no period is given for them, so they stay.
  scan: null,
  // 行政处罚法 §46: electronic data is evidence itself, extracted for the case; it stays with the case file.
  electronic_data: null,
};

/**
 * Kept for good: a record used as evidence goes into the case file and is kept with it (行政处罚法 §47: 执法全过程
 * 记录 归档保存; 国办发〔2018〕118号); one that shows obstruction of enforcement or a major incident is kept by the same
 * practice [local].
 */
export const retentionMarks = ['used_as_evidence', 'shows_obstruction', 'major_incident'] as const;
export type RetentionMark = (typeof retentionMarks)[number];

export const retentionMarkLabels: Readonly<Record<RetentionMark, string>> = {
  used_as_evidence: '作为证据使用',
  shows_obstruction: '记录阻碍执法',
  major_incident: '记录重大事件',
};

export interface PeriodProblem {
  readonly kind: EvidenceKind;
  readonly message: string;
}

export function retentionPeriodProblems(periods: RetentionPeriods): PeriodProblem[] {
  return evidenceKinds.flatMap((kind) => {
    const months = periods[kind];
    if (months === null) return [];
    if (!Number.isInteger(months) || months < MIN_RETENTION_MONTHS || months > MAX_RETENTION_MONTHS) {
      const label = evidenceKindLabels[kind];
      return [
        {
          kind,
          message: `${label}的保存期限应为 ${MIN_RETENTION_MONTHS}–${MAX_RETENTION_MONTHS} 个月，或永久保存`,
        },
      ];
    }
    return [];
  });
}

export interface RetentionFacts {
  readonly kind: EvidenceKind;
  readonly capturedTo: Date | null;
  readonly uploadedAt: Date;
  readonly marks: readonly RetentionMark[];
}

export type Retention =
  | { readonly permanent: true; readonly marks: readonly RetentionMark[] }
  | { readonly permanent: false; readonly until: string };

/**
 * The last day a file must be kept. The period runs from the later of the end of capture and the upload,
 * in China dates: a file uploaded late is still kept its whole period after it reached the agency.
 */
export function retentionOf(facts: RetentionFacts, periods: RetentionPeriods): Retention {
  const months = periods[facts.kind];
  if (facts.marks.length > 0 || months === null) return { permanent: true, marks: facts.marks };
  const start = facts.capturedTo && facts.capturedTo > facts.uploadedAt ? facts.capturedTo : facts.uploadedAt;
  return { permanent: false, until: addMonths(chinaDate(start), months) };
}

/** Why the file may not be disposed of on `today` (a China date), or null when it may. */
export function disposalProblem(
  facts: RetentionFacts,
  periods: RetentionPeriods,
  today: string,
): string | null {
  const retention = retentionOf(facts, periods);
  if (retention.permanent) {
    const why = retention.marks.map((m) => retentionMarkLabels[m]).join('、');
    return why ? `该文件${why}，应永久保存` : `${evidenceKindLabels[facts.kind]}按本机关规定永久保存`;
  }
  // docs/rules.md "Counting time": a period ends at the end of its last day.
  if (today <= retention.until) return `保存期限至 ${retention.until}，届满后方可处置`;
  return null;
}
