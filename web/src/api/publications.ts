import type { z } from 'zod';
import type {
  answerBody,
  Correction,
  publicationInput,
  PublicationDetail,
  PublicationSummary,
  publicitySettingsBody,
  publicitySettingsView,
  withdrawalBody,
} from '../../../src/publicity/publications.schema.ts';
import { api, type Query } from './client.ts';
import type { Page, Paging } from './org.ts';

/** Publications (公示) as the publisher's workbench calls them (see /work/publications-api.md). */

export interface PublicationFilters extends Query {
  status?: string;
  kind?: string;
  q?: string;
  overdue?: 'true' | 'false';
  decidedFrom?: string;
  decidedTo?: string;
}

export interface CorrectionFilters extends Query {
  status?: 'open' | 'answered';
}

export interface TimelinessRow {
  unitId: string | null;
  unitName: string | null;
  month: string;
  published: number;
  onTime: number;
}

export type PublicationInputBody = z.input<typeof publicationInput>;
export type WithdrawalBody = z.input<typeof withdrawalBody>;
export type AnswerBody = z.input<typeof answerBody>;
export type PublicitySettings = z.infer<typeof publicitySettingsView>;
export type PublicitySettingsBody = z.input<typeof publicitySettingsBody>;

const v1 = '/api/v1';

export const publicationsApi = {
  list: (filters: PublicationFilters & Paging) =>
    api.get<Page<PublicationSummary>>(`${v1}/publications`, filters),
  create: (input: PublicationInputBody) => api.post<PublicationDetail>(`${v1}/publications`, input),
  detail: (id: string) => api.get<PublicationDetail>(`${v1}/publications/${id}`),
  submit: (id: string) => api.post<PublicationDetail>(`${v1}/publications/${id}/submit`),
  approve: (id: string, note: string) =>
    api.post<PublicationDetail>(`${v1}/publications/${id}/approve`, { note }),
  return: (id: string, reason: string) =>
    api.post<PublicationDetail>(`${v1}/publications/${id}/return`, { reason }),
  withdraw: (id: string, body: WithdrawalBody) =>
    api.post<PublicationDetail>(`${v1}/publications/${id}/withdraw`, body),
  export: `${v1}/publications/export.xlsx`,
  corrections: (filters: CorrectionFilters & Paging) =>
    api.get<Page<Correction>>(`${v1}/publications/corrections`, filters),
  answer: (id: string, body: AnswerBody) =>
    api.post<Correction>(`${v1}/publications/corrections/${id}/answer`, body),
  correctionsExport: `${v1}/publications/corrections/export.xlsx`,
  timeliness: (year: number) =>
    api.get<{ year: number; rows: TimelinessRow[] }>(`${v1}/publications/timeliness`, { year }),
  timelinessExport: `${v1}/publications/timeliness/export.xlsx`,
  settings: () => api.get<PublicitySettings>(`${v1}/publications/settings`),
  changeSettings: (body: PublicitySettingsBody) =>
    api.put<PublicitySettings>(`${v1}/publications/settings`, body),
};
