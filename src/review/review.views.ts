import type { MajorReason } from './catalogue.rules.ts';
import type { Proposal, StoredPackage } from './package.ts';
import type { PrecheckResult } from './prechecks/precheck.ts';
import type { ReviewDiff } from './review.rules.ts';

/** What the review routes answer, shared with the workbench (types only, browser-safe). */

export interface ReviewSummary {
  id: string;
  agencyId: string;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  round: number;
  status: string;
  statusLabel: string;
  result: string | null;
  resultLabel: string | null;
  submittedAt: string;
  submittedOn: string;
  submittedByName: string | null;
  dueOn: string;
  overdue: boolean;
  extended: boolean;
  reviewerId: string | null;
  reviewerName: string | null;
  decidedOn: string | null;
  majorReasons: MajorReason[];
  prechecksFailed: number;
}

export interface ReviewDetail extends ReviewSummary {
  proposal: Proposal;
  package: StoredPackage;
  digest: string;
  prechecks: PrecheckResult[];
  diff: ReviewDiff | null;
  previousId: string | null;
  extensionReason: string | null;
  opinion: string | null;
  opinionDocument: { id: string; number: string } | null;
  disagreement: string | null;
  voidReason: string | null;
  findings: { point: string; pointLabel: string; finding: string; note: string }[];
  participants: {
    role: string;
    name: string;
    organisation: string;
    opinion: string | null;
    invitedAt: string;
  }[];
  deliberations: {
    heldOn: string;
    chair: string;
    attendees: string[];
    disagreement: string;
    discussion: string;
    conclusion: string;
    conclusionLabel: string;
  }[];
}
