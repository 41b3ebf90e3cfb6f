import type { z } from 'zod';
import type {
  PowerDetail,
  PowerItem,
  powerEdit,
  powerInput,
  powerWithdrawal,
} from '../../../src/powers/power-list.schema.ts';
import type { ServiceGuideAnswer, ServiceGuideInput } from '../../../src/powers/service-guide.schema.ts';
import { api, type Query } from './client.ts';
import { xlsxType, type Page, type Paging } from './org.ts';

/** The power list (权责清单) and its service guides, as the workbench calls them. */

export interface PowerFilters extends Query {
  q?: string;
  kind?: string;
  status?: string;
  randomInspection?: 'true' | 'false';
}

/** What the edit form sends: the wire shape before defaults (optional fields may be left out). */
export type PowerInputBody = z.input<typeof powerInput>;
export type PowerEditBody = z.input<typeof powerEdit>;
export type PowerWithdrawalBody = z.input<typeof powerWithdrawal>;

export interface PowerImportRow {
  sheet: string;
  row: number;
  code: string;
  errors: { column: string; message: string }[];
}

export interface PowerImportResult {
  valid: boolean;
  imported: number;
  rows: PowerImportRow[];
}

const v1 = '/api/v1';

export const powersApi = {
  list: (filters: PowerFilters & Paging) => api.get<Page<PowerItem>>(`${v1}/powers`, filters),
  detail: (id: string) => api.get<PowerDetail>(`${v1}/powers/${id}`),
  create: (input: PowerInputBody) => api.post<PowerDetail>(`${v1}/powers`, input),
  edit: (id: string, edit: PowerEditBody) => api.post<PowerDetail>(`${v1}/powers/${id}/versions`, edit),
  withdraw: (id: string, body: PowerWithdrawalBody) =>
    api.post<PowerDetail>(`${v1}/powers/${id}/withdrawal`, body),
  submit: (id: string) => api.post<PowerDetail>(`${v1}/powers/${id}/submit`),
  approve: (id: string, note: string) => api.post<PowerDetail>(`${v1}/powers/${id}/approve`, { note }),
  reject: (id: string, note: string) => api.post<PowerDetail>(`${v1}/powers/${id}/reject`, { note }),
  export: `${v1}/powers/export.xlsx`,
  import: (file: File, dryRun: boolean) =>
    api.post<PowerImportResult>(`${v1}/powers/import`, new Blob([file], { type: xlsxType }), { dryRun }),
  guide: (id: string) => api.get<ServiceGuideAnswer>(`${v1}/powers/${id}/service-guide`),
  saveGuide: (id: string, input: ServiceGuideInput) =>
    api.put<ServiceGuideAnswer>(`${v1}/powers/${id}/service-guide`, input),
};
