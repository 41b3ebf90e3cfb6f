import type { AuditEvent } from '../../../src/org/audit.schema.ts';
import { api } from './client.ts';
import type { Page } from './org.ts';

/** The audit trail: who did what, when, from where (the fields changed, never their values). */
export type { AuditEvent };

/** The trail's filters, as the address keeps them: China dates, event kind, actor, subject. */
export type AuditFilters = Partial<
  Record<'agencyId' | 'from' | 'to' | 'kind' | 'actorId' | 'subjectType' | 'subjectId', string>
>;

export const auditApi = {
  events: (query: AuditFilters & { page: number; pageSize: number }) =>
    api.get<Page<AuditEvent>>('/api/v1/audit-events', query),
  export: '/api/v1/audit-events/export.xlsx',
};
