import { reviewDigest } from './digest.ts';
import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { chinaDate } from '../platform/clock.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { standingProposal } from './standing-proposal.queries.ts';
import { newId } from '../platform/ids.ts';
import { takeStepInCommand } from '../cases/case-step.take.ts';
import { issueDocument } from '../documents/document-issue.service.ts';
import { ownAgency, type OwnAgency } from '../platform/db/agency-scope.ts';
import { catalogueInForce } from './catalogue.store.ts';
import { classify } from './catalogue.rules.ts';
import { latestReview } from './gate.store.ts';
import {
  caseOfficerIds,
  caseState,
  insertDeliberation,
  insertFinding,
  insertParticipant,
  insertReview,
  lockCaseForReview,
  lockReview as lockReviewRow,
  updateReview,
} from './review.store.ts';
import { loadPackage, storePackage, type ReviewPackage } from './package.ts';
import { loadReviewPackage } from './package.queries.ts';
import { runPrechecks } from './prechecks/all.rules.ts';
import { outsideBenchmark } from './prechecks/discretion.rules.ts';
import { reviewPolicy } from './review.policy.ts';
import { getReview, type ReviewDetail } from './review.queries.ts';
import {
  decisionFactsOf,
  findingProblems,
  missingForSubmission,
  openStatuses,
  passingStatuses,
  pointLabels,
  resultLabels,
  reviewDiff,
  reviewDue,
  reviewedFieldsOf,
  reviewerRefusal,
  reviewerRefusalMessages,
  statusAfter,
  type ReviewStatus,
} from './review.rules.ts';
import type { DecisionInput, ProposalInput } from './review.schema.ts';
import { reviewerFacts } from './reviewers.service.ts';

/**
 * Commands of legal review (S-13 … S-15): submit a case (its package assembled and pre-checked), assign a
 * reviewer of the legal unit, invite legal advisers or public lawyers, extend the period, conclude with
 * the seven points and a result (the review opinion issued as a document), and settle a disagreement by
 * collective deliberation. Each is one command, recorded.
 *
 * The case's review state follows the review in the same transaction (one truth): submitting takes the
 * case's `submit_review` step, a passing result `pass_review`, a return or disapproval `return_review`
 * (src/cases `takeStepInCommand`, with the lifecycle's checks); the case step route refuses these steps.
 */

type ReviewRow = Row<'reviews'>;

const recordReview = (ctx: CommandContext, row: ReviewRow, kind: string, changes?: string[]) =>
  ctx.record({
    kind: `review.${kind}`,
    agencyId: row.agency_id,
    subjectType: 'review',
    subjectId: row.id,
    record: row,
    ...(changes ? { changes } : {}),
  });

async function lockReview(ctx: CommandContext, agencyId: string, id: string): Promise<ReviewRow> {
  const row = await lockReviewRow(ctx.trx, ownAgency(agencyId), id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

function invalidState(row: ReviewRow, allowed: readonly ReviewStatus[], action: string): AppError {
  return new AppError('REVIEW_INVALID_STATE', {
    detail: `该审核处于“${row.status}”状态，不能${action}（可${action}的状态：${allowed.join('、')}）`,
    extra: { reviewStatus: row.status, allowed },
  });
}

/** Investigators of the case now: those who took a step, and the officers assigned (行政处罚法 §43). */
async function investigatorsOf(
  ctx: CommandContext,
  own: OwnAgency,
  caseId: string,
  pkg: ReviewPackage,
): Promise<string[]> {
  const assigned = await caseOfficerIds(ctx.trx, own, caseId);
  const acted = pkg.steps.flatMap((s) => s.officers.map((o) => o.personId));
  return [...new Set([...pkg.investigatorIds, ...assigned, ...acted])];
}

/**
 * Submits a case for review: assembles the package, refuses it listing what is missing, runs the
 * pre-checks, classifies the decision with the catalogue in force, and sets the due date. A case returned
 * before comes back with the diff of what changed since; a case passed before whose reviewed fields have
 * changed voids that review.
 */
export async function submitReview(
  deps: CommandDeps,
  principal: Principal,
  caseId: string,
  /** What is proposed; absent: the case's facts as established (the report, or the last round's). */
  given?: ProposalInput,
): Promise<ReviewDetail> {
  const agencyId = principal.agencyId;
  authorize(principal, reviewPolicy.submit, agencyId);
  const now = deps.clock.now();
  const today = chinaDate(now);
  const proposal = given ?? (await standingProposal(deps.db, ownAgency(agencyId), caseId))?.proposal;
  if (!proposal) {
    throw fieldError(
      'VALIDATION_FAILED',
      'body.proposal',
      '本案尚无调查终结报告，请填写拟作出的决定（违法事实、证据、处罚及依据）后提交',
    );
  }
  const pkg = await loadReviewPackage(deps.db, agencyId, caseId, proposal, today);
  const missing = missingForSubmission(pkg);
  if (missing.length > 0) {
    throw new AppError('REVIEW_INCOMPLETE', {
      detail: `案件 ${pkg.caseNumber} 尚缺：${missing.map((m) => m.message).join('；')}`,
      errors: missing.map((m) => ({ path: `case.${m.path}`, message: m.message })),
    });
  }
  const calendar = await workingCalendar(deps.db);
  const prechecks = runPrechecks(pkg, { calendar, today });
  const { id: catalogueId, catalogue } = await catalogueInForce(deps.db, ownAgency(agencyId), today);
  const majority = classify(catalogue, decisionFactsOf(pkg, outsideBenchmark(pkg)));
  const digest = reviewDigest(reviewedFieldsOf(pkg));
  const due = reviewDue(calendar, today, catalogue.period, false);
  const id = await runCommand(deps, actorOf(principal), async (ctx) => {
    // The case row locked: submissions of one case are taken one at a time.
    const own = ownAgency(agencyId);
    await lockCaseForReview(ctx.trx, own, caseId);
    const previous = await latestReview(ctx.trx, own, caseId);
    if (previous && openStatuses.has(previous.status)) {
      throw invalidState(
        previous,
        ['approved', 'approved_with_changes', 'returned', 'disapproved', 'void'],
        '再次提交',
      );
    }
    if (previous && passingStatuses.has(previous.status)) {
      if (previous.digest === digest) {
        throw new AppError('REVIEW_INVALID_STATE', {
          detail: '该案已审核通过，且审核后案件的事实、金额、法律依据和当事人均未变化，无需重新提交',
        });
      }
      // S-14: a change after review voids it; the new round reviews the case as it is now.
      const voided = await updateReview(ctx.trx, ownAgency(agencyId), previous.id, {
        status: 'void',
        voided_at: ctx.now,
        void_reason: '审核后案件的事实、金额、法律依据或当事人发生变化',
        updated_at: ctx.now,
      });
      await recordReview(ctx, voided, 'voided', ['status']);
    }
    const diff = previous ? reviewDiff(previous.id, loadPackage(previous.package), pkg) : null;
    const row = await insertReview(ctx.trx, ownAgency(agencyId), {
      id: newId(),
      case_id: caseId,
      round: (previous?.round ?? 0) + 1,
      previous_id: previous?.id ?? null,
      status: 'submitted',
      catalogue_id: catalogueId,
      major_reasons: JSON.stringify(majority.reasons),
      proposal: JSON.stringify(proposal),
      package: JSON.stringify(storePackage(pkg)),
      digest,
      prechecks: JSON.stringify(prechecks),
      diff: JSON.stringify(diff),
      submitted_by: ctx.actor.personId,
      submitted_at: ctx.now,
      submitted_on: today,
      due_on: due.date,
      due_warnings: JSON.stringify(due.warnings),
      updated_at: ctx.now,
    });
    await recordReview(ctx, row, 'submitted');
    await takeStepInCommand(ctx, caseId, 'submit_review', {
      principal,
      details: { reviewId: row.id, round: row.round },
    });
    return row.id;
  });
  return getReview(deps, principal, id);
}

/** Assigns (or reassigns) the reviewer: of the legal unit, qualified for a first review, not recused. */
export async function assignReviewer(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  reviewerId: string,
): Promise<ReviewDetail> {
  const agencyId = principal.agencyId;
  authorize(principal, reviewPolicy.assign, agencyId);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockReview(ctx, agencyId, id);
    if (row.status !== 'submitted' && row.status !== 'in_review') {
      throw invalidState(row, ['submitted', 'in_review'], '分配审核人员');
    }
    const pkg = loadPackage(row.package);
    const refusal = reviewerRefusal(
      await reviewerFacts(ctx.trx, agencyId, reviewerId),
      await investigatorsOf(ctx, ownAgency(agencyId), row.case_id, pkg),
    );
    if (refusal === 'RECUSAL')
      throw new AppError('REVIEWER_RECUSED', { detail: reviewerRefusalMessages.RECUSAL });
    if (refusal) throw new AppError('REVIEWER_NOT_QUALIFIED', { detail: reviewerRefusalMessages[refusal] });
    const written = await updateReview(ctx.trx, ownAgency(agencyId), id, {
      status: 'in_review',
      reviewer_id: reviewerId,
      assigned_by: ctx.actor.personId,
      assigned_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordReview(ctx, written, 'assigned', ['status', 'reviewer_id']);
  });
  return getReview(deps, principal, id);
}

/** The assigned reviewer invites a legal adviser or public lawyer (S-13), with their opinion when given. */
export async function inviteParticipant(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: {
    role: 'legal_adviser' | 'public_lawyer';
    personId: string | null;
    name: string;
    organisation: string;
    opinion: string | null;
  },
): Promise<ReviewDetail> {
  const agencyId = principal.agencyId;
  authorize(principal, reviewPolicy.review, agencyId);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockReview(ctx, agencyId, id);
    if (row.status !== 'in_review') throw invalidState(row, ['in_review'], '邀请法律顾问或公职律师');
    if (row.reviewer_id !== ctx.actor.personId) {
      throw new AppError('FORBIDDEN', { detail: '只有承办该案审核的人员可以邀请' });
    }
    const written = await insertParticipant(ctx.trx, ownAgency(agencyId), {
      id: newId(),
      review_id: id,
      role: input.role,
      person_id: input.personId,
      name: input.name,
      organisation: input.organisation,
      opinion: input.opinion,
      invited_by: ctx.actor.personId,
      invited_at: ctx.now,
    });
    await ctx.record({
      kind: 'review.participant_invited',
      agencyId,
      subjectType: 'review_participant',
      subjectId: written.id,
      record: written,
    });
  });
  return getReview(deps, principal, id);
}

/** Extends the period once by the catalogue's extension (docs/rules.md: +3 working days, with approval). */
export async function extendReview(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  reason: string,
): Promise<ReviewDetail> {
  const agencyId = principal.agencyId;
  authorize(principal, reviewPolicy.extend, agencyId);
  const calendar = await workingCalendar(deps.db);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockReview(ctx, agencyId, id);
    if (!openStatuses.has(row.status) || row.status === 'deliberation') {
      throw invalidState(row, ['submitted', 'in_review'], '延长审核期限');
    }
    if (row.extended) throw new AppError('REVIEW_INVALID_STATE', { detail: '审核期限已经延长过一次' });
    const { catalogue } = await catalogueInForce(ctx.trx, ownAgency(agencyId), row.submitted_on);
    const due = reviewDue(calendar, row.submitted_on, catalogue.period, true);
    const written = await updateReview(ctx.trx, ownAgency(agencyId), id, {
      extended: true,
      extension_reason: reason,
      due_on: due.date,
      due_warnings: JSON.stringify(due.warnings),
      updated_at: ctx.now,
    });
    await recordReview(ctx, written, 'extended', ['due_on', 'extended']);
  });
  return getReview(deps, principal, id);
}

/** The review opinion (法制审核意见书) as an issued document of the case (法制审核表 template). */
async function issueOpinion(ctx: CommandContext, row: ReviewRow, input: DecisionInput): Promise<string> {
  const pkg = loadPackage(row.package);
  const points = input.findings
    .map(
      (f) =>
        `${pointLabels[f.point]}：${f.finding === 'problem' ? '存在问题' : f.finding === 'satisfied' ? '符合' : '不适用'}${f.note ? `。${f.note}` : ''}`,
    )
    .join('\n');
  const doc = await issueDocument(ctx, {
    agencyId: row.agency_id,
    type: 'legal_review_form',
    subjectType: 'case',
    subjectId: row.case_id,
    data: {
      parties: [
        pkg.party.type === 'person'
          ? { kind: 'person', name: pkg.party.name }
          : { kind: 'organisation', name: pkg.party.name },
      ],
      legalBases: pkg.proposed.legalBases.map((b) => ({ law: b.law, article: b.article })),
      amountFen: pkg.proposed.amountFen > 0 ? pkg.proposed.amountFen : null,
      fields: {
        summary: `${pkg.caseNumber}：${pkg.proposed.summary}`,
        points,
        opinion: `${resultLabels[input.result]}。${input.opinion}`,
      },
    },
  });
  return doc.id;
}

/**
 * The reviewer concludes: every point with its finding and note (a finding without a note where the
 * result is not "approve" is refused), the result, the opinion issued as a document.
 */
export async function concludeReview(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: DecisionInput,
): Promise<ReviewDetail> {
  const agencyId = principal.agencyId;
  authorize(principal, reviewPolicy.review, agencyId);
  const refuse = (problems: { path: string; message: string }[]) => {
    if (problems.length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        errors: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
      });
    }
  };
  refuse(findingProblems(input.result, input.findings));
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockReview(ctx, agencyId, id);
    if (row.status !== 'in_review') throw invalidState(row, ['in_review'], '作出审核结论');
    // What the automatic pre-checks failed, as the reviewer saw them: a point found satisfied needs its why.
    refuse(
      findingProblems(
        input.result,
        input.findings,
        row.prechecks.filter((c) => c.status === 'fail'),
      ),
    );
    if (row.reviewer_id !== ctx.actor.personId) {
      throw new AppError('FORBIDDEN', { detail: '只有承办该案审核的人员可以作出审核结论' });
    }
    // Recusal again: officers may have been assigned to the case since the reviewer was.
    if (
      (await investigatorsOf(ctx, ownAgency(agencyId), row.case_id, loadPackage(row.package))).includes(
        ctx.actor.personId!,
      )
    ) {
      throw new AppError('REVIEWER_RECUSED', { detail: reviewerRefusalMessages.RECUSAL });
    }
    for (const f of input.findings) {
      const finding = await insertFinding(ctx.trx, ownAgency(agencyId), {
        id: newId(),
        review_id: id,
        point: f.point,
        finding: f.finding,
        note: f.note,
        recorded_by: ctx.actor.personId,
        recorded_at: ctx.now,
      });
      await ctx.record({
        kind: 'review.finding_recorded',
        agencyId,
        subjectType: 'review_finding',
        subjectId: finding.id,
        record: finding,
      });
    }
    const documentId = await issueOpinion(ctx, row, input);
    const written = await updateReview(ctx.trx, ownAgency(agencyId), id, {
      status: statusAfter(input.result),
      result: input.result,
      opinion: input.opinion,
      decided_at: ctx.now,
      decided_on: chinaDate(ctx.now),
      opinion_document_id: documentId,
      updated_at: ctx.now,
    });
    await recordReview(ctx, written, 'concluded', ['status', 'result', 'opinion', 'opinion_document_id']);
    const passed = passingStatuses.has(written.status);
    await takeStepInCommand(ctx, row.case_id, passed ? 'pass_review' : 'return_review', {
      principal,
      reason: passed ? null : input.opinion,
      details: { reviewId: id, round: row.round, result: input.result },
    });
  });
  return getReview(deps, principal, id);
}

/** The case's side disagrees with a result that stops the decision: collective deliberation settles it. */
export async function disagree(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  reason: string,
): Promise<ReviewDetail> {
  const agencyId = principal.agencyId;
  authorize(principal, reviewPolicy.submit, agencyId);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockReview(ctx, agencyId, id);
    if (row.status !== 'returned' && row.status !== 'disapproved' && row.status !== 'approved_with_changes') {
      throw invalidState(row, ['returned', 'disapproved', 'approved_with_changes'], '提出不同意见');
    }
    const written = await updateReview(ctx.trx, ownAgency(agencyId), id, {
      status: 'deliberation',
      disagreement: reason,
      disagreed_by: ctx.actor.personId,
      disagreed_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordReview(ctx, written, 'disputed', ['status', 'disagreement']);
  });
  return getReview(deps, principal, id);
}

/** The record of the collective deliberation (docs/rules.md: disagreement goes to collective deliberation). */
export async function recordDeliberation(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: {
    heldOn: string;
    chair: string;
    attendees: string[];
    discussion: string;
    conclusion: DecisionInput['result'];
  },
): Promise<ReviewDetail> {
  const agencyId = principal.agencyId;
  authorize(principal, reviewPolicy.deliberate, agencyId);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockReview(ctx, agencyId, id);
    if (row.status !== 'deliberation') throw invalidState(row, ['deliberation'], '记录集体讨论');
    const record = await insertDeliberation(ctx.trx, ownAgency(agencyId), {
      id: newId(),
      review_id: id,
      held_on: input.heldOn,
      chair: input.chair,
      attendees: JSON.stringify(input.attendees),
      disagreement: row.disagreement ?? '',
      discussion: input.discussion,
      conclusion: input.conclusion,
      recorded_by: ctx.actor.personId,
      recorded_at: ctx.now,
    });
    await ctx.record({
      kind: 'review.deliberation_recorded',
      agencyId,
      subjectType: 'review_deliberation',
      subjectId: record.id,
      record,
    });
    const written = await updateReview(ctx.trx, ownAgency(agencyId), id, {
      status: statusAfter(input.conclusion),
      updated_at: ctx.now,
    });
    await recordReview(ctx, written, 'deliberated', ['status']);
    // The case follows the deliberation: a returned case back to reviewed when it passes, a reviewed one
    // back to investigation when it does not (the gate refuses the decision either way until it passes).
    const state = await caseState(ctx.trx, ownAgency(agencyId), row.case_id);
    const passed = passingStatuses.has(written.status);
    const returned = state === 'investigating' || state === 'investigated';
    if (passed ? returned : state === 'reviewed') {
      await takeStepInCommand(ctx, row.case_id, passed ? 'pass_review' : 'return_review', {
        principal,
        reason: passed ? null : input.discussion,
        details: { reviewId: id, round: row.round, deliberation: record.id, result: input.conclusion },
      });
    }
  });
  return getReview(deps, principal, id);
}
