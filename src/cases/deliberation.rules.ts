/**
 * When the heads must deliberate collectively before a penalty decision (行政处罚法 §57 ¶2: 对情节复杂或者
 * 重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定). The law leaves "complex or major" to the
 * agency; the defaults (docs/rules.md "Collective deliberation"):
 * - a proposed sanction that carries the hearing right (行政处罚法 §63; 听证办法 §5): the heavier penalties;
 * - a case of 行政处罚法 §58 (一)–(三) as the review catalogue classified it (major public interest, heard,
 *   complex): the statutory reasons, not a locality's extension of review to every decision (S-12), which
 *   would make every ordinary case "major";
 * - a case the officer or the head marked of social impact.
 * Pure.
 */

export interface DeliberationFacts {
  /** The hearing right computed at the notice, and its grounds (hearing-right.rules.ts). */
  hearingRight: boolean | null;
  hearingGrounds: readonly string[];
  /** The review catalogue's reasons for the case (latest review), as `{code,label,basis}`. */
  reviewReasons: readonly { code: string; label: string; basis: string }[];
  socialImpact: boolean;
}

export interface DeliberationConfig {
  /** Review-catalogue reason codes that call for deliberation (default: 行政处罚法 §58 (一)–(三)). */
  reviewReasonCodes: readonly string[];
}

export const defaultDeliberationConfig: DeliberationConfig = {
  reviewReasonCodes: ['statutory_public_interest', 'statutory_hearing', 'statutory_complex'],
};

export interface DeliberationReason {
  code: 'hearing_right' | 'review_catalogue' | 'social_impact';
  label: string;
  basis: string;
}

/** Why the decision must be deliberated collectively; empty when one head may decide. */
export function deliberationRequired(
  f: DeliberationFacts,
  config: DeliberationConfig = defaultDeliberationConfig,
): DeliberationReason[] {
  const reasons: DeliberationReason[] = [];
  if (f.hearingRight === true)
    reasons.push({
      code: 'hearing_right',
      label: `拟作出的处罚属于当事人有权要求听证的较重处罚：${f.hearingGrounds.join('；')}`,
      basis: '行政处罚法 §57 ¶2、§63；市场监督管理行政处罚听证办法 §5',
    });
  for (const r of f.reviewReasons)
    if (config.reviewReasonCodes.includes(r.code))
      reasons.push({ code: 'review_catalogue', label: r.label, basis: `行政处罚法 §57 ¶2；${r.basis}` });
  if (f.socialImpact)
    reasons.push({ code: 'social_impact', label: '案件具有一定社会影响', basis: '行政处罚法 §57 ¶2、§48' });
  return reasons;
}

/** The message of a decision refused for want of deliberation, naming the article and the reasons. */
export function deliberationMessage(caseNumber: string, reasons: readonly DeliberationReason[]): string {
  return `案件 ${caseNumber} 须经行政机关负责人集体讨论后方可作出处罚决定（行政处罚法 §57 ¶2：对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定）；原因：${reasons.map((r) => r.label).join('；')}`;
}
