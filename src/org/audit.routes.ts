import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { attachment, XLSX_TYPE } from '../platform/excel/cells.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { exportAuditEvents } from './audit-excel.service.ts';
import { auditFilters, auditQuery } from './audit.schema.ts';
import { listAuditEvents } from './audit.service.ts';
import { orgPolicy } from './org.policy.ts';

/** The most rows one export holds; narrow the filters for more (the list pages through all of them). */
export const AUDIT_EXPORT_MAX = 100_000;

/** The audit trail (审计日志) under /api/v1: the filtered list, and the same list as Excel. Thin. */
export function auditRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['审计'];
    const agencyOf = (principal: Principal, agencyId: string | undefined): string => {
      const id = agencyId ?? principal.agencyId;
      authorize(principal, orgPolicy.readAudit, id);
      return id;
    };

    app.get(
      '/audit-events',
      { schema: { tags, summary: '审计日志（按日期、事件、操作人、对象筛选）', querystring: auditQuery } },
      async (req) => {
        const { page, pageSize, agencyId, ...filters } = req.query;
        const agency = agencyOf(principalOf(req), agencyId);
        return { ...(await listAuditEvents(deps.db, agency, filters, { page, pageSize })), page, pageSize };
      },
    );
    app.get(
      '/audit-events/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: { tags, summary: '导出审计日志 Excel（按当前筛选条件）', querystring: auditFilters },
      },
      async (req, reply) => {
        const { agencyId, ...filters } = req.query;
        const agency = agencyOf(principalOf(req), agencyId);
        const { items } = await listAuditEvents(deps.db, agency, filters, {
          page: 1,
          pageSize: AUDIT_EXPORT_MAX,
        });
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('审计日志.xlsx'))
          .send(await exportAuditEvents(items));
      },
    );
  };
}
