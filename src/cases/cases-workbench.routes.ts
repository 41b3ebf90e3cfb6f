import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { attachment, XLSX_TYPE } from '../platform/excel/cells.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { exportCases } from './cases-excel.service.ts';
import { caseCountdowns, workbenchCases, workbenchDeadlines } from './cases-workbench.service.ts';
import { deadlinesQuery, idParams, workbenchCasesQuery } from './cases.schema.ts';

/**
 * The officer's workbench routes (issue 5 item 10): periods with working-day countdowns, the case list
 * with the workbench's filters and its Excel export (cases-workbench.service.ts). Read-only.
 */

/** The most cases one export holds. */
const CASES_EXPORT_MAX = 100_000;

/** Under /api/v1/cases/workbench; registered before `/cases/:id` takes the path. */
export function casesWorkbenchRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['案件办理'];
    app.get(
      '/cases/workbench/deadlines',
      {
        schema: {
          tags,
          summary: '临期和逾期的法定期限，附工作日倒计时（工作台）',
          querystring: deadlinesQuery,
        },
      },
      async (req) => ({ items: await workbenchDeadlines(deps, principalOf(req), req.query) }),
    );
    app.get(
      '/cases/workbench/cases',
      {
        schema: {
          tags,
          summary: '案件列表（工作台：另可按发现日期、是否逾期筛选）',
          querystring: workbenchCasesQuery,
        },
      },
      async (req) => ({
        ...(await workbenchCases(deps, principalOf(req), req.query)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    );
    app.get(
      '/cases/workbench/cases/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '导出案件 Excel（按当前筛选条件）',
          querystring: workbenchCasesQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const all = { ...req.query, page: 1, pageSize: CASES_EXPORT_MAX };
        const { items } = await workbenchCases(deps, principalOf(req), all);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('案件.xlsx'))
          .send(await exportCases(items));
      },
    );
    app.get(
      '/cases/workbench/cases/:id/countdowns',
      { schema: { tags, summary: '案件未届满期限的工作日倒计时', params: idParams } },
      async (req) => ({ items: await caseCountdowns(deps, principalOf(req), req.params.id) }),
    );
  };
}
