import type { z } from 'zod';
import type {
  AvGapView,
  ChecklistView,
  Evidence,
  EvidenceLogEvent,
  RetentionPolicyView,
  Step,
  checklistInput,
  stepInput,
} from '../../../src/records/evidence.schema.ts';
import type {
  checkInInput,
  checkOutInput,
  Loan,
  Recorder,
  recorderInput,
  recorderPatch,
} from '../../../src/records/recorders.schema.ts';
import { api, uploadFile, type Query, type Upload } from './client.ts';
import type { Page, Paging } from './org.ts';

/** The full-process record area: evidence files, AV devices, enforcement steps, the AV checklist. */

export type { AvGapView, ChecklistView, Evidence, EvidenceLogEvent, Loan, Recorder, Step };
export type RecorderInput = z.input<typeof recorderInput>;
export type RecorderPatch = z.input<typeof recorderPatch>;
export type CheckOutInput = z.input<typeof checkOutInput>;
export type CheckInInput = z.input<typeof checkInInput>;
export type ChecklistInput = z.input<typeof checklistInput>;
export type StepInput = z.input<typeof stepInput>;

export interface EvidenceFilters extends Query {
  agencyId?: string;
  subjectType?: string;
  subjectId?: string;
  recorderId?: string;
  kind?: string;
  officerId?: string;
  from?: string;
  to?: string;
}

/** The upload's metadata, sent in the query string (the body is the file itself). */
export interface UploadMetadata extends Query {
  kind: string;
  subjectType: string;
  subjectId: string;
  step?: string;
  recorderId?: string;
  /** Comma-separated person ids. */
  officerIds?: string;
  capturedFrom?: string;
  capturedTo?: string;
  place?: string;
  latitude?: number;
  longitude?: number;
  fullProcess: 'true' | 'false';
  /** JSON: [{ stoppedAt, resumedAt, reason }]. */
  interruptions?: string;
  filename?: string;
  /** Electronic data (电子数据): what the extraction record says. */
  originalCarrier?: string;
  extractionMethod?: string;
  extractionSha256?: string;
  extractedAt?: string;
  extractionPlace?: string;
  extractionDocumentId?: string;
}

export interface RecorderFilters extends Query {
  agencyId?: string;
  status?: string;
  unitId?: string;
  q?: string;
}

export interface AgencyGaps {
  agencyId: string;
  from: string;
  to: string;
  steps: number;
  gaps: AvGapView[];
}

const v1 = '/api/v1';

export const evidenceContentUrl = (id: string) => `${v1}/evidence/${id}/content`;

export const recordsApi = {
  evidenceList: (filters: EvidenceFilters & Paging) => api.get<Page<Evidence>>(`${v1}/evidence`, filters),
  evidenceExport: `${v1}/evidence/export.xlsx`,
  evidence: (id: string) => api.get<Evidence>(`${v1}/evidence/${id}`),
  evidenceLog: (id: string) => api.get<{ items: EvidenceLogEvent[] }>(`${v1}/evidence/${id}/log`),
  upload: (file: File, metadata: UploadMetadata, onProgress: (fraction: number) => void): Upload<Evidence> =>
    uploadFile<Evidence>(`${v1}/evidence`, file, { query: metadata, onProgress }),
  mark: (id: string, mark: string, reason: string) =>
    api.post<Evidence>(`${v1}/evidence/${id}/marks`, { mark, reason }),
  dispose: (id: string, input: { reason: string; approval: string }) =>
    api.post<Evidence>(`${v1}/evidence/${id}/disposal`, input),
  retentionPolicy: (agencyId: string) =>
    api.get<RetentionPolicyView>(`${v1}/agencies/${agencyId}/retention-policy`),

  recorders: (filters: RecorderFilters & Paging) => api.get<Page<Recorder>>(`${v1}/recorders`, filters),
  recorder: (id: string) => api.get<{ recorder: Recorder; loans: Loan[] }>(`${v1}/recorders/${id}`),
  registerRecorder: (input: RecorderInput) => api.post<Recorder>(`${v1}/recorders`, input),
  updateRecorder: (id: string, patch: RecorderPatch) => api.patch<Recorder>(`${v1}/recorders/${id}`, patch),
  checkOut: (id: string, input: CheckOutInput) =>
    api.post<Recorder>(`${v1}/recorders/${id}/check-out`, input),
  checkIn: (id: string, input: CheckInInput) => api.post<Recorder>(`${v1}/recorders/${id}/check-in`, input),

  checklist: (agencyId: string) => api.get<ChecklistView>(`${v1}/agencies/${agencyId}/av-checklist`),
  setChecklist: (agencyId: string, input: ChecklistInput) =>
    api.put<ChecklistView>(`${v1}/agencies/${agencyId}/av-checklist`, input),
  steps: (query: { agencyId?: string; subjectType: string; subjectId: string }) =>
    api.get<{ items: Step[] }>(`${v1}/steps`, query),
  recordStep: (input: StepInput) => api.post<Step>(`${v1}/steps`, input),
  subjectGaps: (query: { agencyId?: string; subjectType: string; subjectId: string }) =>
    api.get<{ items: AvGapView[] }>(`${v1}/av-gaps`, query),
  agencyGaps: (agencyId: string, query: { from?: string; to?: string }) =>
    api.get<AgencyGaps>(`${v1}/agencies/${agencyId}/av-gaps`, query),
};
