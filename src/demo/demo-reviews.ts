import type { CommandDeps } from '../platform/audit/command.ts';
import { daysAgo } from './demo-clock.ts';
import { principal } from './demo-principal.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { caseByTitle, caseVersion } from './demo.store.ts';
import { chinaDate } from '../platform/clock.ts';
import { points } from '../review/review.rules.ts';
import { takeStep } from '../cases/case-step.take.ts';
import { stepInput } from '../cases/cases.schema.ts';
import { assignReviewer, concludeReview, submitReview } from '../review/review.service.ts';
import { addQualification, addTraining } from '../review/reviewers.service.ts';

/**
 * Demo legal review (issue 6) of 衡阳县市场监督管理局, through the same services as the workbench: the two
 * reviewers of the legal unit with their training (the head's legal professional qualification registered, the
 * newer reviewer's not yet); the penalty case
 * waiting for its decision reviewed and approved (the review takes the case's submit_review and pass_review
 * steps), then notified of the proposed penalty, so its decision may be made; the case under
 * investigation left to be submitted. Dates count back from today. Every name is invented.
 */

/**
 * What the demo's reviewer wrote under each point: a reviewer explains every finding (a point found 符合
 * although its automatic pre-check failed needs its reason; review.rules.ts `findingProblems`).
 */
export const demoReviewNotes: Record<(typeof points)[number], string> = {
  competence: '本局对本辖区食品经营违法行为有管辖权；承办人员二人均持有效执法证件。',
  procedure: '立案、调查取证经审批，期限内办理，已告知陈述申辩权利。',
  facts: '现场检查笔录、询问笔录、照片及进货票据相互印证，事实清楚。',
  law: '《中华人民共和国食品安全法》第一百二十四条适用于销售超过保质期食品的行为。',
  discretion: '当事人主动配合调查，依裁量基准从轻处罚，理由已在审批表中说明。',
  documents: '文书齐全、规范，送达回证完整。',
  crime: '货值 480 元，未造成危害后果，不涉嫌生产、销售不符合安全标准的食品罪。',
  other: '无其他需要审核的事项。',
};

export async function loadDemoReviews(deps: CommandDeps): Promise<void> {
  const admin = await principal(deps, '周敏');
  const legalHead = await principal(deps, '王志刚');
  const officer = await principal(deps, '黄磊');
  // 李婷 has not reviewed yet and her qualification is not registered: she may not review until it is (§58).
  await addQualification(deps, admin, {
    personId: legalHead.personId,
    kind: 'legal_professional',
    certificateNumber: 'A20144300011201',
    obtainedOn: '2014-12-18',
  });
  for (const who of [legalHead, await principal(deps, '李婷')]) {
    await addTraining(deps, admin, {
      personId: who.personId,
      title: '行政执法法制审核业务培训班',
      organiser: '衡阳县司法局',
      heldOn: '2026-06-18',
      hours: 16,
    });
  }
  const own = ownAgency(officer.agencyId);
  const waiting = await caseByTitle(deps.db, own, '涉嫌经营超过保质期的食品', 'penalty_ordinary');
  if (!waiting) return;
  // Submitted as the investigation report stands (issue 12 item 4): nothing typed again.
  const submitted = await submitReview(daysAgo(deps, 21), officer, waiting.id);
  await assignReviewer(daysAgo(deps, 21), legalHead, submitted.id, legalHead.personId);
  await concludeReview(daysAgo(deps, 19), legalHead, submitted.id, {
    result: 'approve',
    findings: points.map((point) => ({ point, finding: 'satisfied', note: demoReviewNotes[point] })),
    opinion: '事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意按从轻情形处罚。',
  });
  // Reviewed: the notice of the proposed penalty and the party's rights (行政处罚法 §44, §45, §63, §64).
  const version = await caseVersion(deps.db, own, waiting.id);
  const notifyOn = chinaDate(daysAgo(deps, 16).clock.now());
  await takeStep(
    deps,
    officer,
    waiting.id,
    'notify',
    stepInput.parse({ version, on: notifyOn, proposedAmountFen: 5_000_000 }),
    { personId: officer.personId, agencyId: officer.agencyId, via: 'system', ip: null },
  );
}
