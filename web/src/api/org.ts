import type { z } from 'zod';
import type {
  Agency,
  Certificate,
  CertificateEvent,
  agencyInput,
  agencyPatch,
  certificateChange,
  certificateInput,
  certificatePatch,
  personInput,
  personPatch,
  Person,
  Unit,
  unitInput,
  unitPatch,
} from '../../../src/org/org.schema.ts';
import { api, type Query } from './client.ts';

/** The organisation area: agencies, units, people, certificates (types from the shared zod schemas). */

export type AgencyInput = z.input<typeof agencyInput>;
export type AgencyPatch = z.input<typeof agencyPatch>;
export type UnitInput = z.input<typeof unitInput>;
export type UnitPatch = z.input<typeof unitPatch>;
export type PersonInput = z.input<typeof personInput>;
export type PersonPatch = z.input<typeof personPatch>;
export type CertificateInput = z.input<typeof certificateInput>;
export type CertificatePatch = z.input<typeof certificatePatch>;
export type CertificateChange = z.input<typeof certificateChange>;
export type CertificateAction = 'suspend' | 'reinstate' | 'revoke';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PeopleFilters extends Query {
  agencyId?: string;
  unitId?: string;
  q?: string;
  role?: string;
  active?: 'true' | 'false';
}

export interface CertificateFilters extends Query {
  agencyId?: string;
  status?: string;
  field?: string;
  q?: string;
}

export interface Paging extends Query {
  page: number;
  pageSize: number;
}

/** One row of an Excel import as the dry run (or the rejection) reports it. */
export interface ImportRow {
  row: number;
  name: string;
  errors: { column: string; message: string }[];
}

export interface ImportResult {
  valid: boolean;
  imported: number;
  rows: ImportRow[];
}

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const v1 = '/api/v1';

export const orgApi = {
  agencies: () => api.get<{ items: Agency[] }>(`${v1}/agencies`),
  createAgency: (input: AgencyInput) => api.post<Agency>(`${v1}/agencies`, input),
  updateAgency: (id: string, patch: AgencyPatch) => api.patch<Agency>(`${v1}/agencies/${id}`, patch),

  units: (agencyId: string) => api.get<{ items: Unit[] }>(`${v1}/agencies/${agencyId}/units`),
  createUnit: (agencyId: string, input: UnitInput) =>
    api.post<Unit>(`${v1}/agencies/${agencyId}/units`, input),
  updateUnit: (id: string, patch: UnitPatch) => api.patch<Unit>(`${v1}/units/${id}`, patch),

  people: (filters: PeopleFilters & Paging) => api.get<Page<Person>>(`${v1}/people`, filters),
  person: (id: string) => api.get<Person>(`${v1}/people/${id}`),
  createPerson: (input: PersonInput) => api.post<Person>(`${v1}/people`, input),
  updatePerson: (id: string, patch: PersonPatch) => api.patch<Person>(`${v1}/people/${id}`, patch),
  setRoles: (id: string, roles: string[]) => api.put<Person>(`${v1}/people/${id}/roles`, { roles }),
  addCertificate: (personId: string, input: CertificateInput) =>
    api.post<Certificate>(`${v1}/people/${personId}/certificates`, input),
  peopleExport: `${v1}/people/export.xlsx`,
  importTemplate: `${v1}/people/import-template.xlsx`,
  importPeople: (file: File, dryRun: boolean) =>
    api.post<ImportResult>(`${v1}/people/import`, new Blob([file], { type: xlsxType }), { dryRun }),

  certificates: (filters: CertificateFilters & Paging) =>
    api.get<Page<Certificate>>(`${v1}/certificates`, filters),
  certificate: (id: string) =>
    api.get<{ certificate: Certificate; history: CertificateEvent[] }>(`${v1}/certificates/${id}`),
  updateCertificate: (id: string, patch: CertificatePatch) =>
    api.patch<Certificate>(`${v1}/certificates/${id}`, patch),
  changeCertificate: (id: string, action: CertificateAction, change: CertificateChange) =>
    api.post<Certificate>(`${v1}/certificates/${id}/${action}`, change),
  certificatesExport: `${v1}/certificates/export.xlsx`,
};
