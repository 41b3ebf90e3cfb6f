import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { attachment, XLSX_TYPE } from '../platform/excel/cells.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { AppError } from '../platform/errors.ts';
import { listCertificates } from './certificates.service.ts';
import { certificatesQuery, peopleQuery } from './org.schema.ts';
import { exportCertificates, exportPeople, importPeople, importTemplate } from './people-excel.service.ts';
import { listPeople } from './people.service.ts';

const ALL = { page: 1, pageSize: 100_000 };

/** Excel export of the people and certificate lists (with the list's filters) and the people import. */
export function peopleExcelRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['组织机构与人员'];
    app.addContentTypeParser(
      XLSX_TYPE,
      { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );

    app.get(
      '/people/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '导出人员 Excel',
          querystring: peopleQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const { items } = await listPeople(deps, principalOf(req), { ...req.query, ...ALL });
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('人员名单.xlsx'))
          .send(await exportPeople(items));
      },
    );
    app.get(
      '/certificates/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '导出执法证 Excel',
          querystring: certificatesQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const { items } = await listCertificates(deps, principalOf(req), { ...req.query, ...ALL });
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('执法证.xlsx'))
          .send(await exportCertificates(items));
      },
    );
    app.get(
      '/people/import-template.xlsx',
      { config: { heavy: 'excel' }, schema: { tags, summary: '人员导入模板' } },
      async (req, reply) => {
        principalOf(req);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('人员导入模板.xlsx'))
          .send(await importTemplate());
      },
    );
    app.post(
      '/people/import',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '导入人员 Excel（先试导入检查每一行）',
          querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).default('true') }),
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body)) {
          throw new AppError('BAD_REQUEST', { detail: `请以 ${XLSX_TYPE} 上传 Excel 文件` });
        }
        return importPeople(deps, principalOf(req), req.body, req.query.dryRun === 'true');
      },
    );
  };
}
