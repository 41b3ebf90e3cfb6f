/**
 * The power list's rules (权责清单, S-2, S-2.3): which version of an item is in force on a day, what a
 * version must say before it can be published, and who may publish it. Pure: plain data in, answers out.
 */
import type { ActionKind } from './action-kinds.ts';
import { benchmarkProblems, type BenchmarkRange } from './discretion.rules.ts';

export type VersionStatus = 'draft' | 'submitted' | 'published' | 'rejected';
export type ReviewAction = 'submit' | 'approve' | 'reject';

/** S-2.3: a change goes draft → submitted → published (approved) or rejected; nothing else moves. */
const transitions: Record<ReviewAction, { from: VersionStatus; to: VersionStatus }> = {
  submit: { from: 'draft', to: 'submitted' },
  approve: { from: 'submitted', to: 'published' },
  reject: { from: 'submitted', to: 'rejected' },
};

/** The status after the action, or null when the version's status does not allow it. */
export function nextStatus(status: VersionStatus, action: ReviewAction): VersionStatus | null {
  const t = transitions[action];
  return t.from === status ? t.to : null;
}

/** S-2.3: review before publishing means by someone else — the author never approves their own change. */
export function mayReview(authorId: string | null, reviewerId: string): boolean {
  return authorId !== reviewerId;
}

export interface DatedVersion {
  version: number;
  status: VersionStatus;
  effectiveFrom: string;
  withdrawn: boolean;
}

/**
 * The version in force on `on` (YYYY-MM-DD): the published one with the latest effective date not after
 * it (the higher number on the same date). None when nothing is in force yet or the item was withdrawn.
 */
export function versionInForce<V extends DatedVersion>(versions: readonly V[], on: string): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (v.status !== 'published' || v.effectiveFrom > on) continue;
    if (
      !best ||
      v.effectiveFrom > best.effectiveFrom ||
      (v.effectiveFrom === best.effectiveFrom && v.version > best.version)
    )
      best = v;
  }
  return best && !best.withdrawn ? best : null;
}

/**
 * A change takes effect on or after the latest published change: the list's history reads forwards, and a
 * version dated before one already published would silently rewrite what the public was shown.
 */
export function effectiveDateProblem(
  effectiveFrom: string,
  versions: readonly DatedVersion[],
): string | null {
  const latest = versions
    .filter((v) => v.status === 'published')
    .reduce<string | null>((max, v) => (max === null || v.effectiveFrom > max ? v.effectiveFrom : max), null);
  return latest !== null && effectiveFrom < latest ? `生效日期不能早于已发布版本的生效日期 ${latest}` : null;
}

/** Statutory floors of the remedy windows a power list may state. */
export const remedyFloors = {
  reconsiderationDays: 60, // 行政复议法 (2023) §20: within 60 days of knowing of the act
  litigationMonths: 6, // 行政诉讼法 §46: within 6 months of knowing of the act
} as const;

export interface VersionContent {
  legalBases: readonly { inForceFrom: string; inForceTo: string | null }[];
  remedies: { reconsiderationDays: number; litigationMonths: number };
  randomInspection: unknown;
  benchmarks: readonly BenchmarkRange[];
}

/** What is wrong with a version's content on its effective date, as `[path, message]` (path under body). */
export function contentProblems(
  kind: ActionKind,
  content: VersionContent,
  effectiveFrom: string,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  // 行政处罚法 §4, 行政许可法 §4: a power rests on a legal basis in force when it is exercised.
  const inForce = content.legalBases.some(
    (b) => b.inForceFrom <= effectiveFrom && (b.inForceTo === null || b.inForceTo >= effectiveFrom),
  );
  if (!inForce)
    problems.push({ path: 'legalBases', message: `生效日期 ${effectiveFrom} 没有施行中的法律依据` });
  if (content.remedies.reconsiderationDays < remedyFloors.reconsiderationDays) {
    problems.push({
      path: 'remedies.reconsiderationDays',
      message: `行政复议期限不能少于法定的 ${remedyFloors.reconsiderationDays} 日`,
    });
  }
  if (content.remedies.litigationMonths < remedyFloors.litigationMonths) {
    problems.push({
      path: 'remedies.litigationMonths',
      message: `行政诉讼期限不能少于法定的 ${remedyFloors.litigationMonths} 个月`,
    });
  }
  for (const p of benchmarkProblems(kind, content.benchmarks)) {
    problems.push({ path: `benchmarks.${p.index}.${p.field}`, message: p.message });
  }
  return problems;
}
