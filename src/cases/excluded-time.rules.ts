import type { CaseDeadlineCode } from './lifecycles/lifecycle.ts';

/**
 * The time the law takes out of a period, and only that time (legal audit E7): one table of which
 * exclusion each period honours, read by the case deadlines (case-deadlines.rules.ts) and the deadline
 * calculator (src/calculator/periods.ts) alike. Any other exclusion given is ignored for that period, and
 * said so. Pure.
 */

/** Why a span of days does not run in a period. */
export type ExclusionReason = 'testing' | 'hearing' | 'public_notice' | 'suspension' | 'expert_review';

export const exclusionReasonLabels: Readonly<Record<ExclusionReason, string>> = {
  testing: '检测、检验、检疫、鉴定期间',
  hearing: '听证期间',
  public_notice: '公告期间',
  suspension: '中止期间',
  expert_review: '招标、拍卖、专家评审期间',
};

/**
 * What a case's suspension (中止/期间扣除) is recorded as: the time the law names, or another ground of
 * suspension (程序规定 §47 (一)–(五) [unconfirmed number]: awaiting another decision, a question of law put
 * to the competent body, force majeure, the party cannot be found, other). Rows written before migration
 * 0018 carry no type and read as `other`.
 */
export const suspensionKinds = ['testing', 'hearing', 'public_notice', 'other'] as const;
export type SuspensionKind = (typeof suspensionKinds)[number];

export const suspensionKindLabels: Readonly<Record<SuspensionKind, string>> = {
  testing: '检验、检测、检疫、技术鉴定',
  hearing: '听证',
  public_notice: '公告',
  other: '其他中止事由',
};

/** The exclusion a suspension of this kind is: another ground is a suspension (中止) as such. */
export const exclusionOfSuspension = (kind: SuspensionKind): ExclusionReason =>
  kind === 'other' ? 'suspension' : kind;

/** A suspension as stored (cases.suspensions): `kind` absent on rows older than migration 0018. */
export interface StoredSuspension {
  from: string;
  to: string;
  reason: string;
  kind?: SuspensionKind;
}

export const suspensionKindOf = (s: { kind?: SuspensionKind | null }): SuspensionKind => s.kind ?? 'other';

/**
 * The exclusions each period of a case honours. Periods the law gives no exclusion for (the party's
 * hearing request, service, payment) honour none.
 */
export const periodExclusions: Readonly<Record<CaseDeadlineCode, readonly ExclusionReason[]>> = {
  // 程序规定 §18: 检测、检验、检疫、鉴定等所需时间不计入 (only that: 中止 for another ground does not stop it)
  lead_verification: ['testing'],
  // 程序规定 §64 ¶2 [unconfirmed number]: 案件处理过程中，中止、听证、公告和检测、检验、检疫、鉴定等时间不计入
  decision: ['hearing', 'public_notice', 'testing', 'suspension'],
  hearing_request: [],
  service: [],
  payment: [],
  // 行政强制法 §25 ¶3: 检测、检验、检疫或者技术鉴定的期间不计算在查封、扣押期间内 (and nothing else)
  coercive_measure: ['testing'],
  // 行政许可法 §45: 听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审所需时间不计算在本节规定的期限内
  licensing_decision: ['hearing', 'testing', 'expert_review'],
  // The agency's own periods of 行政许可法 §32, §44, §47: the law excludes nothing from them
  licensing_completion_notice: [],
  licence_issuance: [],
  licensing_hearing_request: [],
  licensing_hearing: [],
  // The execution periods (行政强制法 §53, §54; 行政处罚法 §71): nothing is excluded from them
  payment_demand: [],
  court_application: [],
  cash_handover: [],
  cash_deposit: [],
};

export interface Exclusion {
  from: string;
  to: string;
  reason: ExclusionReason;
}

/** The exclusions a period honours, and the ones it ignores. */
export function splitExclusions(
  code: CaseDeadlineCode,
  exclusions: readonly Exclusion[],
): { applied: Exclusion[]; ignored: Exclusion[] } {
  const honoured = periodExclusions[code];
  return {
    applied: exclusions.filter((e) => honoured.includes(e.reason)),
    ignored: exclusions.filter((e) => !honoured.includes(e.reason)),
  };
}

/**
 * The steps a suspension lets through: while the case is suspended for a hearing, the steps the hearing
 * needs are taken (the hearing's time is what is not counted, 程序规定 §64 ¶2); every other step waits.
 * Hearing steps another lifecycle adds (withdrawal, no-show, refusal) join this list.
 */
export const hearingSteps: ReadonlySet<string> = new Set([
  'request_hearing',
  'notify_hearing',
  'hold_hearing',
  'withdraw_hearing',
  'hearing_no_show',
  'refuse_hearing',
]);

export function allowedWhileSuspended(kind: SuspensionKind, step: string): boolean {
  return kind === 'hearing' && hearingSteps.has(step);
}
