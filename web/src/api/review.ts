import type { z } from 'zod';
import type { CatalogueRule, MajorReason, ReviewPeriod } from '../../../src/review/catalogue.rules.ts';
import type { decision, deliberation, invitation } from '../../../src/review/review.schema.ts';
import type { ReviewDetail as ReviewDetailView, ReviewSummary } from '../../../src/review/review.views.ts';
import { api, type Query } from './client.ts';
import type { Page, Paging } from './org.ts';

/** Legal review (法制审核) as the workbench calls it: /api/v1/reviews and /api/v1/review-catalogue. */

/** A review as GET /reviews/{id} answers it: with `can`, the actions of review.policy.ts the caller may take. */
export type ReviewDetail = ReviewDetailView & { can?: string[] };
export type { ReviewSummary };
export type ConclusionInput = z.input<typeof decision>;
export type DeliberationInput = z.input<typeof deliberation>;
export type InvitationInput = z.input<typeof invitation>;

export interface ReviewFilters extends Query {
  status?: string;
  reviewerId?: string;
  /** 'true': only open reviews past their period. */
  overdue?: string;
}

export interface ReviewReference {
  points: Record<string, string>;
  findings: Record<string, string>;
  results: Record<string, string>;
  statuses: Record<string, string>;
  refusals: Record<string, string>;
  measures: Record<string, string>;
  precheckStatuses: Record<string, string>;
  qualifications: Record<string, string>;
}

export interface CaseReviews {
  gate: {
    major: boolean;
    reasons: MajorReason[];
    refusal: string | null;
    message: string | null;
    reviewStatus: string | null;
    refusedAttempts: number;
  };
  reviews: ReviewSummary[];
}

export interface Reviewer {
  personId: string;
  name: string;
  unitName: string | null;
  inLegalUnit: boolean;
  qualifications: { kind: string; label: string; certificateNumber: string; obtainedOn: string }[];
  trainings: { title: string; organiser: string; heldOn: string; hours: number }[];
  trainingHours: number;
  completedReviews: number;
  openReviews: number;
  mayReview: boolean;
}

export interface RateRow {
  name: string;
  submitted: number;
  returned: number;
  disapproved: number;
  rate: number;
}

export interface Accountability {
  from: string;
  to: string;
  decisions: {
    checked: number;
    withoutReview: { caseNumber: string; decidedOn: string; reasons: string[] }[];
  };
  overdue: {
    caseNumber: string;
    round: number;
    status: string;
    reviewerName: string | null;
    dueOn: string;
    decidedOn: string | null;
  }[];
  refusals: {
    total: number;
    byReason: Record<string, number>;
    items: {
      caseNumber: string;
      at: string;
      reasonLabel: string;
      channel: string;
      actorName: string | null;
    }[];
  };
  returnRates: { byUnit: RateRow[]; byPerson: RateRow[]; byReviewer: RateRow[] };
}

export interface CatalogueVersion {
  id: string | null;
  version: number;
  rules: CatalogueRule[];
  period: ReviewPeriod;
  effectiveFrom: string | null;
  reason: string;
  approval: { body: string; reference: string; approvedOn: string } | null;
  isDefault: boolean;
}

const v1 = '/api/v1';

export const reviewApi = {
  reference: () => api.get<ReviewReference>(`${v1}/reviews/reference`),
  list: (filters: ReviewFilters & Paging) => api.get<Page<ReviewSummary>>(`${v1}/reviews`, filters),
  detail: (id: string) => api.get<ReviewDetail>(`${v1}/reviews/${id}`),
  ofCase: (caseId: string) => api.get<CaseReviews>(`${v1}/reviews/cases/${caseId}`),
  assign: (id: string, reviewerId: string) =>
    api.post<ReviewDetail>(`${v1}/reviews/${id}/assignment`, { reviewerId }),
  invite: (id: string, body: InvitationInput) =>
    api.post<ReviewDetail>(`${v1}/reviews/${id}/participants`, body),
  extend: (id: string, reason: string) => api.post<ReviewDetail>(`${v1}/reviews/${id}/extension`, { reason }),
  conclude: (id: string, body: ConclusionInput) =>
    api.post<ReviewDetail>(`${v1}/reviews/${id}/conclusion`, body),
  disagree: (id: string, reason: string) =>
    api.post<ReviewDetail>(`${v1}/reviews/${id}/disagreement`, { reason }),
  deliberate: (id: string, body: DeliberationInput) =>
    api.post<ReviewDetail>(`${v1}/reviews/${id}/deliberation`, body),
  reviewers: () => api.get<Reviewer[]>(`${v1}/reviews/reviewers`),
  accountability: (query: { from?: string; to?: string }) =>
    api.get<Accountability>(`${v1}/reviews/accountability`, query),
  accountabilityExport: `${v1}/reviews/accountability.xlsx`,
  catalogue: () =>
    api.get<{ inForce: CatalogueVersion; versions: CatalogueVersion[] }>(`${v1}/review-catalogue`),
};
