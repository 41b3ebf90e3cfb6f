import { api } from './client.ts';
import type { Page } from './org.ts';

/** The audit trail: who did what, when, from where (the fields changed, never their values). */
export interface AuditEvent {
  seq: number;
  kind: string;
  at: string;
  actorName: string | null;
  via: string;
  ip: string | null;
  subjectType: string;
  subjectId: string | null;
  changes: string[];
  /** The event's index in the record log; null while its entry waits for integration. */
  logIndex: number | null;
}

export const auditApi = {
  events: (query: { agencyId?: string; page: number; pageSize: number }) =>
    api.get<Page<AuditEvent>>('/api/v1/audit-events', query),
};
