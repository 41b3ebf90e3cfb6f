import type { z } from 'zod';
import type { DueItem as CaseDueItem } from '../../../src/cases/case-deadlines.queries.ts';
import type { Task } from '../../../src/cases/case-tasks.queries.ts';
import type { TimelineEvent } from '../../../src/cases/case-timeline.queries.ts';
import type {
  CaseDetail as CaseDetailView,
  CaseListItem,
  OfficerView,
  PartyView,
} from '../../../src/cases/case-view.ts';
import type {
  caseInput,
  decisionInput,
  declarationInput,
  extensionInput,
  officerInput,
  recusalApplicationDecisionInput,
  recusalApplicationInput,
  recusalInput,
  resumeInput,
  stepInput,
  suspendInput,
} from '../../../src/cases/cases.schema.ts';
import type {
  courtApplicationInput,
  courtResultInput,
  demandInput,
  handoverInput,
  paymentInput,
  paymentPlanInput,
  planDecisionInput,
} from '../../../src/cases/payment.schema.ts';
import type { PaymentView } from '../../../src/cases/payment.queries.ts';
import type { SanctionStatistics } from '../../../src/cases/sanction-statistics.rules.ts';
import type {
  documentSettingsInput,
  IssuedDocument,
  IssueInput,
  issueInput,
  writtenRecordInput,
} from '../../../src/documents/documents.schema.ts';
import type { DocumentSettingsView } from '../../../src/documents/document-settings.service.ts';
import type { StandingProposal as StandingProposalView } from '../../../src/review/standing-proposal.queries.ts';
import type { ProposalInput, proposal } from '../../../src/review/review.schema.ts';
import { api, type Query } from './client.ts';
import type { Page, Paging } from './org.ts';

/** Case handling as the workbench calls it: cases, steps, decisions, officers, periods, documents. */

/** A case as GET /cases/{id} answers it: with `can`, the actions of cases.policy.ts the caller may take. */
export type CaseDetail = CaseDetailView & { can?: string[] };
export type { CaseListItem, IssuedDocument, OfficerView, PartyView, Task, TimelineEvent };
/** A running period with its countdown in working days (GET /cases/workbench/deadlines). */
export interface DueItem extends CaseDueItem {
  workingDaysLeft: number;
}
/** A step's or decision's answer: the case after it, and the event it recorded. */
export interface StepResult extends CaseDetail {
  event: { id: string; seq: number; step: string; late: boolean };
  leadCaseId?: string;
  mustPublish?: boolean;
}
export type CaseInput = z.input<typeof caseInput>;
export type StepBody = z.input<typeof stepInput>;
export type DecisionBody = z.input<typeof decisionInput>;
export type OfficerBody = z.input<typeof officerInput>;
export type DeclarationBody = z.input<typeof declarationInput>;
export type RecusalBody = z.input<typeof recusalInput>;
export type RecusalApplicationBody = z.input<typeof recusalApplicationInput>;
export type RecusalApplicationDecisionBody = z.input<typeof recusalApplicationDecisionInput>;
export type SuspendBody = z.input<typeof suspendInput>;
export type ResumeBody = z.input<typeof resumeInput>;
export type ExtensionBody = z.input<typeof extensionInput>;
export type IssueBody = z.input<typeof issueInput>;
export type WrittenRecordBody = z.input<typeof writtenRecordInput>;
export type { PaymentView };
export type PaymentBody = z.input<typeof paymentInput>;
export type PaymentPlanBody = z.input<typeof paymentPlanInput>;
export type PlanDecisionBody = z.input<typeof planDecisionInput>;
export type DemandBody = z.input<typeof demandInput>;
export type CourtApplicationBody = z.input<typeof courtApplicationInput>;
export type CourtResultBody = z.input<typeof courtResultInput>;
export type HandoverBody = z.input<typeof handoverInput>;
export type ProposalBody = z.input<typeof proposal>;
export type { IssueInput, ProposalInput };

export interface CaseFilters extends Query {
  kind?: string;
  state?: string;
  officerId?: string;
  party?: string;
  q?: string;
  open?: 'true' | 'false';
  overdue?: 'true' | 'false';
  from?: string;
  to?: string;
}

export interface DocumentType {
  code: string;
  title: string;
  [key: string]: unknown;
}

export interface TemplateInfo {
  type: string;
  title: string;
  version: number;
  current: boolean;
}

const v1 = '/api/v1';
const one = (id: string) => `${v1}/cases/${encodeURIComponent(id)}`;

export const casesApi = {
  list: (filters: CaseFilters & Paging) =>
    api.get<Page<CaseListItem>>(`${v1}/cases/workbench/cases`, filters),
  export: `${v1}/cases/workbench/cases/export.xlsx`,
  statistics: (query: { from: string; to: string }) =>
    api.get<SanctionStatistics & { from: string; to: string }>(`${v1}/cases/workbench/statistics`, query),
  statisticsExport: `${v1}/cases/workbench/statistics/export.xlsx`,
  tasks: () => api.get<{ items: Task[] }>(`${v1}/cases/tasks`),
  deadlines: (query: { status?: 'due' | 'overdue'; days?: number; mine?: 'true' | 'false' }) =>
    api.get<{ items: DueItem[] }>(`${v1}/cases/workbench/deadlines`, query),
  detail: (id: string) => api.get<CaseDetail>(one(id)),
  countdowns: (id: string) =>
    api.get<{ items: { id: string; code: string; dueOn: string; workingDaysLeft: number }[] }>(
      `${v1}/cases/workbench/cases/${encodeURIComponent(id)}/countdowns`,
    ),
  timeline: (id: string) => api.get<{ items: TimelineEvent[] }>(`${one(id)}/timeline`),
  create: (input: CaseInput) => api.post<CaseDetail>(`${v1}/cases`, input),
  step: (id: string, step: string, body: StepBody) =>
    api.post<StepResult>(`${one(id)}/steps/${encodeURIComponent(step)}`, body),
  decide: (id: string, body: DecisionBody) => api.post<StepResult>(`${one(id)}/decision`, body),
  assign: (id: string, body: OfficerBody) => api.post<CaseDetail>(`${one(id)}/officers`, body),
  declare: (id: string, personId: string, body: DeclarationBody) =>
    api.post<CaseDetail>(`${one(id)}/officers/${personId}/declaration`, body),
  recuse: (id: string, personId: string, body: RecusalBody) =>
    api.post<CaseDetail>(`${one(id)}/officers/${personId}/recusal`, body),
  applyRecusal: (id: string, personId: string, body: RecusalApplicationBody) =>
    api.post<CaseDetail>(`${one(id)}/officers/${personId}/recusal-application`, body),
  decideRecusalApplication: (id: string, applicationId: string, body: RecusalApplicationDecisionBody) =>
    api.post<CaseDetail>(`${one(id)}/recusal-applications/${applicationId}/decision`, body),
  suspend: (id: string, body: SuspendBody) => api.post<CaseDetail>(`${one(id)}/suspend`, body),
  payment: (id: string) => api.get<PaymentView>(`${one(id)}/payment`),
  pay: (id: string, body: PaymentBody) => api.post<unknown>(`${one(id)}/payments`, body),
  applyPlan: (id: string, body: PaymentPlanBody) => api.post<unknown>(`${one(id)}/payment-plans`, body),
  decidePlan: (id: string, planId: string, body: PlanDecisionBody) =>
    api.post<unknown>(`${one(id)}/payment-plans/${planId}/decision`, body),
  demand: (id: string, body: DemandBody) => api.post<unknown>(`${one(id)}/payment-demand`, body),
  applyCourt: (id: string, body: CourtApplicationBody) =>
    api.post<unknown>(`${one(id)}/court-application`, body),
  courtResult: (id: string, body: CourtResultBody) => api.post<unknown>(`${one(id)}/court-result`, body),
  handover: (id: string, paymentId: string, body: HandoverBody) =>
    api.post<unknown>(`${one(id)}/payments/${paymentId}/handovers`, body),
  resume: (id: string, body: ResumeBody) => api.post<CaseDetail>(`${one(id)}/resume`, body),
  extend: (id: string, body: ExtensionBody) => api.post<CaseDetail>(`${one(id)}/extensions`, body),
  documents: (caseId: string) =>
    api.get<IssuedDocument[]>(`${v1}/documents`, { subjectType: 'case', subjectId: caseId }),
  documentTypes: () => api.get<unknown>(`${v1}/documents/types`),
  templates: () => api.get<TemplateInfo[]>(`${v1}/documents/templates`),
  issue: (body: IssueBody) => api.post<IssuedDocument>(`${v1}/documents`, body),
  /** A written record (笔录) taken on its form: the signatures as PNG, or the party's refusal. */
  writtenRecord: (body: WrittenRecordBody) =>
    api.post<IssuedDocument>(`${v1}/documents/written-records`, body),
  documentContent: (id: string) => `${v1}/documents/${id}/content`,
  documentPdf: (id: string) => `${v1}/documents/${id}/pdf`,
  /** The document `type` as the case fills it today (shown to edit before issuing). */
  draft: (caseId: string, type: string) =>
    api.get<DocumentDraft>(`${v1}/documents/draft`, { type, subjectType: 'case', subjectId: caseId }),
  /** The facts as established: the investigation report, or the last review round (issue 12 item 4). */
  standingProposal: (caseId: string) => api.get<StandingProposal>(`${v1}/cases/${caseId}/standing-proposal`),
  documentSettings: () => api.get<DocumentSettingsView>(`${v1}/document-settings`),
  changeDocumentSettings: (body: DocumentSettingsBody) =>
    api.put<DocumentSettingsView>(`${v1}/document-settings`, body),
  submitReview: (caseId: string, body: ProposalBody) =>
    api.post<{ id: string }>(`${v1}/reviews`, { caseId, proposal: body }),
  assembleCaseFile: (caseId: string) =>
    api.post<{ assembled: boolean }>(`${v1}/case-files`, { subjectType: 'case', subjectId: caseId }),
  caseFileExport: `${v1}/case-files/export`,
  caseReviews: (caseId: string) => api.get<ReviewGate>(`${v1}/reviews/cases/${caseId}`),
};

/** GET /documents/draft: the data the case fills, what the officer must complete, who writes each field. */
export interface DocumentDraft {
  data: IssueBody['data'] & { fields: Record<string, string> };
  needs: Record<string, string>;
  sources: Record<string, 'case' | 'officer'>;
}
export type StandingProposal = Omit<StandingProposalView, 'proposal'> & { proposal: ProposalInput };
export type DocumentSettingsBody = z.input<typeof documentSettingsInput>;
export type { DocumentSettingsView };

/** What `/reviews/cases/{caseId}` tells the case page (the rest of the answer is the review area's). */
export interface ReviewGate {
  gate?: { major: boolean; message: string | null; refusal: string | null; reviewStatus: string | null };
  [key: string]: unknown;
}
