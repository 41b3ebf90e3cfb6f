import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { attachment, XLSX_TYPE } from '../platform/excel/cells.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { exportCorrections, exportTimeliness } from './publication-reports.service.ts';
import { listCorrections } from './correction-requests.queries.ts';
import { timeliness } from './publication-reports.queries.ts';
import { correctionsQuery } from './publications.schema.ts';

const ALL = { page: 1, pageSize: 100_000 };

/** Excel exports of the publisher's correction list and timeliness figures, under /api/v1/publications. */
export function publicationReportsRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['公示信息'];
    app.get(
      '/publications/corrections/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '导出更正申请 Excel（含答复期限和答复）',
          querystring: correctionsQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const { items } = await listCorrections(deps, principalOf(req), { ...req.query, ...ALL });
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('更正申请.xlsx'))
          .send(await exportCorrections(items));
      },
    );
    app.get(
      '/publications/timeliness/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '导出按时公示率 Excel（按内设机构和月份）',
          querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(9999) }),
        },
      },
      async (req, reply) => {
        const rows = await timeliness(deps, principalOf(req), req.query.year);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(`按时公示率-${req.query.year}.xlsx`))
          .send(await exportTimeliness(req.query.year, rows));
      },
    );
  };
}
