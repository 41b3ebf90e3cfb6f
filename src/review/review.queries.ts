import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { inScope, ownAgency, readScopeOf, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { gateStatus, type GateStatus } from './gate.service.ts';
import { countRefusals } from './gate.store.ts';
import { reviewPolicy } from './review.policy.ts';
import { pointLabels, resultLabels, statusLabels, type Point } from './review.rules.ts';
import type { ReviewDetail, ReviewSummary } from './review.views.ts';

export type { ReviewDetail, ReviewSummary };
import type { ReviewsQuery } from './review.schema.ts';

/** Reads of legal review: the queue, one review with everything beside it, a case's history, the gate. */

type SummaryRow = Row<'reviews'> & {
  case_number: string;
  case_title: string;
  reviewer_name: string | null;
  submitter_name: string | null;
};

function summaryOf(r: SummaryRow, today: string): ReviewSummary {
  const open = r.status === 'submitted' || r.status === 'in_review';
  return {
    id: r.id,
    agencyId: r.agency_id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    caseTitle: r.case_title,
    round: r.round,
    status: r.status,
    statusLabel: statusLabels[r.status],
    result: r.result,
    resultLabel: r.result ? resultLabels[r.result] : null,
    submittedAt: r.submitted_at.toISOString(),
    submittedOn: r.submitted_on,
    submittedByName: r.submitter_name,
    dueOn: r.due_on,
    // A period ends at the end of its last day (docs/rules.md "Counting time"); a concluded review is late if concluded after.
    overdue: open ? today > r.due_on : r.decided_on !== null && r.decided_on > r.due_on,
    extended: r.extended,
    reviewerId: r.reviewer_id,
    reviewerName: r.reviewer_name,
    decidedOn: r.decided_on,
    majorReasons: r.major_reasons,
    prechecksFailed: r.prechecks.filter((p) => p.status === 'fail').length,
  };
}

/** Reviews within the scope, with their case and people. */
function summaries(deps: CommandDeps, scope: AgencyScope) {
  return deps.db
    .selectFrom('reviews as r')
    .innerJoin('cases as c', (j) =>
      j.onRef('c.id', '=', 'r.case_id').onRef('c.agency_id', '=', 'r.agency_id'),
    )
    .leftJoin('people as rv', (j) =>
      j.onRef('rv.id', '=', 'r.reviewer_id').onRef('rv.agency_id', '=', 'r.agency_id'),
    )
    .leftJoin('people as sb', (j) =>
      j.onRef('sb.id', '=', 'r.submitted_by').onRef('sb.agency_id', '=', 'r.agency_id'),
    )
    .where(inScope('r.agency_id', scope))
    .selectAll('r')
    .select([
      'c.case_number',
      'c.title as case_title',
      'rv.name as reviewer_name',
      'sb.name as submitter_name',
    ]);
}

export async function listReviews(
  deps: CommandDeps,
  principal: Principal,
  query: ReviewsQuery,
): Promise<{ items: ReviewSummary[]; total: number; page: number; pageSize: number }> {
  const scope = readScopeOf(principal, reviewPolicy.read);
  if (scope.agencyIds.length === 0) throw new AppError('FORBIDDEN');
  const today = chinaDate(deps.clock.now());
  let q = summaries(deps, scope);
  if (query.status) q = q.where('r.status', '=', query.status);
  if (query.reviewerId) q = q.where('r.reviewer_id', '=', query.reviewerId);
  if (query.caseId) q = q.where('r.case_id', '=', query.caseId);
  if (query.overdue === 'true') {
    q = q.where('r.status', 'in', ['submitted', 'in_review']).where('r.due_on', '<', today);
  }
  const rows = await q.orderBy('r.due_on').orderBy('r.submitted_at').execute();
  const start = (query.page - 1) * query.pageSize;
  return {
    items: rows.slice(start, start + query.pageSize).map((r) => summaryOf(r, today)),
    total: rows.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getReview(deps: CommandDeps, principal: Principal, id: string): Promise<ReviewDetail> {
  const scope = readScopeOf(principal, reviewPolicy.read);
  if (scope.agencyIds.length === 0) throw new AppError('FORBIDDEN');
  const r = await summaries(deps, scope).where('r.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  authorize(principal, reviewPolicy.read, r.agency_id);
  const own = ownAgency(r.agency_id);
  const [findings, participants, deliberations, document] = await Promise.all([
    deps.db
      .selectFrom('review_findings')
      .selectAll()
      .where('review_id', '=', id)
      .where('agency_id', '=', own.agencyId)
      .execute(),
    deps.db
      .selectFrom('review_participants')
      .selectAll()
      .where('review_id', '=', id)
      .where('agency_id', '=', own.agencyId)
      .orderBy('invited_at')
      .execute(),
    deps.db
      .selectFrom('review_deliberations')
      .selectAll()
      .where('review_id', '=', id)
      .where('agency_id', '=', own.agencyId)
      .orderBy('recorded_at')
      .execute(),
    r.opinion_document_id
      ? deps.db
          .selectFrom('issued_documents')
          .select(['id', 'number'])
          .where('id', '=', r.opinion_document_id)
          .where('agency_id', '=', own.agencyId)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const order = Object.keys(pointLabels);
  return {
    ...summaryOf(r, chinaDate(deps.clock.now())),
    proposal: r.proposal,
    package: r.package,
    digest: r.digest,
    prechecks: r.prechecks,
    diff: r.diff,
    previousId: r.previous_id,
    extensionReason: r.extension_reason,
    opinion: r.opinion,
    opinionDocument: document ?? null,
    disagreement: r.disagreement,
    voidReason: r.void_reason,
    findings: findings
      .sort((a, b) => order.indexOf(a.point) - order.indexOf(b.point))
      .map((f) => ({
        point: f.point,
        pointLabel: pointLabels[f.point as Point] ?? f.point,
        finding: f.finding,
        note: f.note,
      })),
    participants: participants.map((p) => ({
      role: p.role,
      name: p.name,
      organisation: p.organisation,
      opinion: p.opinion,
      invitedAt: p.invited_at.toISOString(),
    })),
    deliberations: deliberations.map((d) => ({
      heldOn: d.held_on,
      chair: d.chair,
      attendees: d.attendees,
      disagreement: d.disagreement,
      discussion: d.discussion,
      conclusion: d.conclusion,
      conclusionLabel: resultLabels[d.conclusion],
    })),
  };
}

/** The review history of a case (every round) and whether its decision may be made now. */
export async function caseReviews(
  deps: CommandDeps,
  principal: Principal,
  caseId: string,
): Promise<{ gate: GateStatus & { refusedAttempts: number }; reviews: ReviewSummary[] }> {
  const scope = readScopeOf(principal, reviewPolicy.read);
  if (scope.agencyIds.length === 0) throw new AppError('FORBIDDEN');
  const kase = await deps.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseId)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
  if (!kase) throw new AppError('NOT_FOUND');
  authorize(principal, reviewPolicy.read, kase.agency_id);
  const own = ownAgency(kase.agency_id);
  const today = chinaDate(deps.clock.now());
  const [rows, status, refused] = await Promise.all([
    summaries(deps, own).where('r.case_id', '=', caseId).orderBy('r.round').execute(),
    gateStatus(deps.db, kase, deps.clock.now()),
    countRefusals(deps.db, own, caseId),
  ]);
  return {
    gate: { ...status, refusedAttempts: refused },
    reviews: rows.map((r) => summaryOf(r, today)),
  };
}
