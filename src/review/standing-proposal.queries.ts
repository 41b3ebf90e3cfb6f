import { caseIn, latestEventOf, type Reader } from '../cases/cases.store.ts';
import { authorize } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { ownAgency, type OwnAgency } from '../platform/db/agency-scope.ts';
import { AppError } from '../platform/errors.ts';
import { reviewPolicy } from './review.policy.ts';
import { latestReview } from './gate.store.ts';
import { proposal as proposalSchema, type ProposalInput } from './review.schema.ts';

/**
 * The case's facts as established (issue 12 item 4), entered once: the investigation report recorded
 * when the investigation concluded, then each review round's proposal — a case returned by the reviewer
 * comes back with what it was submitted with, and the next round shows what changed (the review's diff).
 * Null when the case has neither.
 */
export interface StandingProposal {
  proposal: ProposalInput;
  /** Where it comes from: the investigation report, or the review round it was submitted in. */
  source: 'investigation_report' | 'review';
  round: number | null;
  /** The latest round's result and opinion: a returned case shows why. */
  result: string | null;
  opinion: string | null;
}

export async function standingProposal(
  db: Reader,
  own: OwnAgency,
  caseId: string,
): Promise<StandingProposal | null> {
  if (!(await caseIn(db, own, caseId))) return null;
  const review = await latestReview(db, own, caseId);
  if (review) {
    const parsed = proposalSchema.safeParse(review.proposal);
    if (parsed.success)
      return {
        proposal: parsed.data,
        source: 'review',
        round: review.round,
        result: review.result,
        opinion: review.opinion,
      };
  }
  const report = await latestEventOf(db, own, caseId, { steps: ['conclude_investigation'] });
  const parsed = proposalSchema.safeParse(report?.details.findings);
  return parsed.success
    ? { proposal: parsed.data, source: 'investigation_report', round: null, result: null, opinion: null }
    : null;
}

/** The standing proposal of one of the principal's agency's cases (404 when it has none). */
export async function standingProposalFor(
  deps: { db: Reader },
  principal: Principal,
  caseId: string,
): Promise<StandingProposal> {
  authorize(principal, reviewPolicy.submit, principal.agencyId);
  const standing = await standingProposal(deps.db, ownAgency(principal.agencyId), caseId);
  if (!standing) throw new AppError('NOT_FOUND', { detail: '本案尚无调查终结报告或送审记录' });
  return standing;
}
