import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { attachment, XLSX_TYPE } from '../platform/excel/cells.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { exportAssignments, exportDraw, exportPlans } from './inspections-excel.service.ts';
import { listAssignments } from './results.service.ts';
import { assignmentsQuery } from './results.schema.ts';
import { listPlans } from './plans.service.ts';

const idParams = z.strictObject({ id: z.uuid('编号格式不正确') });

/** The Excel exports of the random-inspection lists, under /api/v1/inspections (issue 15 item 6). */
export function inspectionsExcelRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['双随机抽查'];
    app.get(
      '/inspections/plans/export.xlsx',
      { config: { heavy: 'excel' }, schema: { tags, summary: '导出抽查计划及任务 Excel' } },
      async (req, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('抽查计划.xlsx'))
          .send(await exportPlans(await listPlans(deps.db, principalOf(req), deps.clock.now()))),
    );
    app.get(
      '/inspections/draws/:id/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: { tags, summary: '导出抽取结果 Excel', params: idParams },
      },
      async (req, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('抽取结果.xlsx'))
          .send(await exportDraw(deps.db, principalOf(req), req.params.id)),
    );
    app.get(
      '/inspections/assignments/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: { tags, summary: '导出抽中的检查及其检查结果 Excel', querystring: assignmentsQuery },
      },
      async (req, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('检查结果.xlsx'))
          .send(await exportAssignments(await listAssignments(deps, principalOf(req), req.query))),
    );
  };
}
