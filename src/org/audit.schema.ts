import { z } from 'zod';
import { paging } from './org.schema.ts';

const isoDate = z.iso.date('日期应为有效的 YYYY-MM-DD');

/**
 * The audit trail's filters (审计日志): China dates from/to (both included), the event kind, the actor
 * (a person), the subject (its type, and its id). Without `agencyId`, the principal's own agency.
 */
const filters = {
  agencyId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: z
    .string()
    .regex(/^[a-z]+\.[a-z_]+$/, '事件类型格式不正确')
    .optional(),
  actorId: z.uuid('操作人编号格式不正确').optional(),
  subjectType: z
    .string()
    .regex(/^[a-z][a-z_]{1,39}$/, '对象类型格式不正确')
    .optional(),
  subjectId: z.uuid('对象编号格式不正确').optional(),
};

const dateOrder = { path: ['to'], message: '结束日期不能早于开始日期' };
const ordered = (q: { from?: string | undefined; to?: string | undefined }) =>
  !q.from || !q.to || q.from <= q.to;

/** The Excel export takes the filters without paging: the whole filtered list. */
export const auditFilters = z.strictObject(filters).refine(ordered, dateOrder);
export const auditQuery = z.strictObject({ ...filters, ...paging }).refine(ordered, dateOrder);

export type AuditFilters = z.infer<typeof auditFilters>;

/** One event of the trail as the list and the export show it. */
export interface AuditEvent {
  seq: number;
  kind: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  via: string;
  ip: string | null;
  subjectType: string;
  subjectId: string | null;
  /** What people call the subject, where it has a name of its own (a case's 案号). */
  subjectName: string | null;
  changes: string[];
  /** The event's index in the record log; null while its entry waits for integration. */
  logIndex: number | null;
}
