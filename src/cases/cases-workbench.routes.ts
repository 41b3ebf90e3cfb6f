import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { attachment, XLSX_TYPE } from '../platform/excel/cells.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { exportCases } from './cases-excel.service.ts';
import { caseCountdowns, workbenchCases, workbenchDeadlines } from './cases-workbench.service.ts';
import { deadlinesQuery, idParams, sanctionStatisticsQuery, workbenchCasesQuery } from './cases.schema.ts';
import { exportPenaltyStatistics, penaltyStatistics } from './sanction-statistics.service.ts';

/**
 * The officer's workbench routes (issue 5 item 10): periods with working-day countdowns, the case list
 * with the workbench's filters and its Excel export (cases-workbench.service.ts), and the penalty statistics
 * by kind of sanction (sanction-statistics.service.ts). Read-only.
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
      '/cases/workbench/statistics',
      {
        schema: {
          tags,
          summary: '行政处罚统计：期间内作出的决定，按处罚种类（行政处罚法第九条）计件数和金额',
          querystring: sanctionStatisticsQuery,
        },
      },
      async (req) => penaltyStatistics(deps, principalOf(req), req.query),
    );
    app.get(
      '/cases/workbench/statistics/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: { tags, summary: '导出行政处罚统计 Excel', querystring: sanctionStatisticsQuery },
      },
      async (req, reply) => {
        const stats = await penaltyStatistics(deps, principalOf(req), req.query);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(`行政处罚统计_${stats.from}_${stats.to}.xlsx`))
          .send(await exportPenaltyStatistics(stats));
      },
    );
    app.get(
      '/cases/workbench/cases/:id/countdowns',
      { schema: { tags, summary: '案件未届满期限的工作日倒计时', params: idParams } },
      async (req) => ({ items: await caseCountdowns(deps, principalOf(req), req.params.id) }),
    );
  };
}
