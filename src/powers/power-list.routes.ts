import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { AppError } from '../platform/errors.ts';
import { attachment, XLSX_TYPE } from '../platform/excel/cells.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { actionKindLabels } from './action-kinds.ts';
import { circumstanceLabels } from './discretion.rules.ts';
import { exportPowers, importPowers } from './power-list-excel.service.ts';
import * as s from './power-list.schema.ts';
import { checkBenchmark, getPower, listPowers, listPublished } from './power-list.queries.ts';
import { changePower, createPower, reviewPower } from './power-list.service.ts';

const ALL = { page: 1, pageSize: 100_000 };

/** The power list (权责清单) under /api/v1/powers. Thin: parse, call, answer. */
export function powersRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['权责清单'];
    app.addContentTypeParser(
      XLSX_TYPE,
      { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );

    app.get('/powers/reference', { schema: { tags, summary: '代码表（事项类别、裁量情形、状态）' } }, () => ({
      kinds: actionKindLabels,
      circumstances: circumstanceLabels,
      statuses: s.versionStatusLabels,
    }));
    app.get(
      '/powers',
      {
        schema: {
          tags,
          summary: '权责事项列表（各事项的最新版本）',
          querystring: s.powersQuery,
          response: { 200: page(s.powerItem) },
        },
      },
      async (req) => ({
        ...(await listPowers(deps, principalOf(req), req.query)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    );
    app.get(
      '/powers/published',
      {
        schema: {
          tags,
          summary: '某日施行中的权责清单（门户公示的内容）',
          querystring: s.publishedQuery,
          response: { 200: page(s.publishedPower).extend({ on: z.string() }) },
        },
      },
      async (req) => ({
        ...(await listPublished(deps, principalOf(req), req.query)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    );
    app.get(
      '/powers/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '导出权责清单 Excel',
          querystring: s.powersQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const { items } = await listPowers(deps, principalOf(req), { ...req.query, ...ALL });
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('权责清单.xlsx'))
          .send(await exportPowers(items));
      },
    );
    app.post(
      '/powers/import',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '导入权责清单 Excel（先试导入检查每一行；导入的是待审核草稿）',
          querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).default('true') }),
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body)) {
          throw new AppError('BAD_REQUEST', { detail: `请以 ${XLSX_TYPE} 上传 Excel 文件` });
        }
        return importPowers(deps, principalOf(req), req.body, req.query.dryRun === 'true');
      },
    );
    app.get(
      '/powers/:id',
      {
        schema: {
          tags,
          summary: '权责事项及其版本历史',
          params: s.idParams,
          response: { 200: s.powerDetail },
        },
      },
      (req) => getPower(deps, principalOf(req), req.params.id),
    );
    app.post(
      '/powers',
      {
        schema: {
          tags,
          summary: '新增权责事项（草稿）',
          body: s.powerInput,
          response: { 201: s.powerDetail },
        },
      },
      async (req, reply) => reply.status(201).send(await createPower(deps, principalOf(req), req.body)),
    );
    app.post(
      '/powers/:id/versions',
      {
        schema: {
          tags,
          summary: '修改权责事项：新建草稿版本（生效日期与变更原因）',
          params: s.idParams,
          body: s.powerEdit,
          response: { 201: s.powerDetail },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await changePower(deps, principalOf(req), req.params.id, req.body, false)),
    );
    app.post(
      '/powers/:id/withdrawal',
      {
        schema: {
          tags,
          summary: '取消权责事项：新建撤销版本（待审核）',
          params: s.idParams,
          body: s.powerWithdrawal,
          response: { 201: s.powerDetail },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await changePower(deps, principalOf(req), req.params.id, req.body, true)),
    );
    app.post(
      '/powers/:id/submit',
      { schema: { tags, summary: '提交审核', params: s.idParams, response: { 200: s.powerDetail } } },
      (req) => reviewPower(deps, principalOf(req), req.params.id, 'submit', ''),
    );
    app.post(
      '/powers/:id/approve',
      {
        schema: {
          tags,
          summary: '审核通过并发布（公示管理员，不能是起草人）',
          params: s.idParams,
          body: s.reviewNote.nullish(),
          response: { 200: s.powerDetail },
        },
      },
      (req) => reviewPower(deps, principalOf(req), req.params.id, 'approve', req.body?.note ?? ''),
    );
    app.post(
      '/powers/:id/reject',
      {
        schema: {
          tags,
          summary: '退回修改',
          params: s.idParams,
          body: s.rejection,
          response: { 200: s.powerDetail },
        },
      },
      (req) => reviewPower(deps, principalOf(req), req.params.id, 'reject', req.body.note),
    );
    app.get(
      '/powers/:id/benchmark',
      {
        schema: {
          tags,
          summary: '罚款是否在裁量基准之内（按某日施行的版本）',
          params: s.idParams,
          querystring: s.benchmarkQuery,
        },
      },
      (req) =>
        checkBenchmark(
          deps,
          principalOf(req),
          req.params.id,
          req.query.circumstance,
          req.query.amountFen,
          req.query.on,
        ),
    );
  };
}

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
