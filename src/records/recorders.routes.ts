import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { idParams, page } from '../org/org.schema.ts';
import { recorderKindLabels, recorderStatusLabels } from './recorders.rules.ts';
import * as s from './recorders.schema.ts';
import {
  checkInRecorder,
  checkOutRecorder,
  getRecorder,
  listRecorders,
  registerRecorder,
  updateRecorder,
} from './recorders.service.ts';

/** The AV device registry under /api/v1. Thin: parse, call, answer. */
export function recordersRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['执法记录仪'];

    app.get('/recorders/reference', { schema: { tags, summary: '设备类型与状态代码表' } }, () => ({
      kinds: recorderKindLabels,
      statuses: recorderStatusLabels,
    }));
    app.get(
      '/recorders',
      {
        schema: {
          tags,
          summary: '设备列表',
          querystring: s.recordersQuery,
          response: { 200: page(s.recorder) },
        },
      },
      async (req) => ({
        ...(await listRecorders(deps, principalOf(req), req.query)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    );
    app.post(
      '/recorders',
      { schema: { tags, summary: '登记设备', body: s.recorderInput, response: { 201: s.recorder } } },
      async (req, reply) => reply.status(201).send(await registerRecorder(deps, principalOf(req), req.body)),
    );
    app.get(
      '/recorders/:id',
      { schema: { tags, summary: '设备及领用记录', params: idParams, response: { 200: s.recorderDetail } } },
      (req) => getRecorder(deps, principalOf(req), req.params.id),
    );
    app.patch(
      '/recorders/:id',
      {
        schema: {
          tags,
          summary: '修改执法记录仪信息',
          params: idParams,
          body: s.recorderPatch,
          response: { 200: s.recorder },
        },
      },
      (req) => updateRecorder(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/recorders/:id/check-out',
      {
        schema: {
          tags,
          summary: '领用设备',
          params: idParams,
          body: s.checkOutInput,
          response: { 200: s.recorder },
        },
      },
      (req) => checkOutRecorder(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/recorders/:id/check-in',
      {
        schema: {
          tags,
          summary: '归还设备',
          params: idParams,
          body: s.checkInInput,
          response: { 200: s.recorder },
        },
      },
      (req) => checkInRecorder(deps, principalOf(req), req.params.id, req.body),
    );
  };
}
