import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { avRequirementLabels, otherSteps } from './av-checklist.rules.ts';
import {
  agencyGaps,
  getChecklist,
  listSteps,
  recordStep,
  setChecklist,
  subjectGaps,
} from './av-checklist.service.ts';
import * as s from './evidence.schema.ts';

/** Enforcement steps, the AV checklist and its gaps under /api/v1. Thin: parse, call, answer. */
export function avChecklistRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['全过程记录'];

    app.get('/av-checklist/reference', { schema: { tags, summary: '音像记录要求与程序环节代码表' } }, () => ({
      requirements: avRequirementLabels,
      otherSteps,
    }));
    app.get(
      '/agencies/:id/av-checklist',
      { schema: { tags, summary: '音像记录事项清单', params: s.idParams, response: { 200: s.checklist } } },
      (req) => getChecklist(deps, principalOf(req), req.params.id),
    );
    app.put(
      '/agencies/:id/av-checklist',
      {
        schema: {
          tags,
          summary: '设置音像记录事项清单（可增加事项或提高要求，不能删除或降低默认事项）',
          params: s.idParams,
          body: s.checklistInput,
          response: { 200: s.checklist },
        },
      },
      (req) => setChecklist(deps, principalOf(req), req.params.id, req.body),
    );

    app.post(
      '/steps',
      { schema: { tags, summary: '登记执法环节', body: s.stepInput, response: { 201: s.step } } },
      async (req, reply) => reply.status(201).send(await recordStep(deps, principalOf(req), req.body)),
    );
    app.get(
      '/steps',
      {
        schema: {
          tags,
          summary: '某一对象的执法环节',
          querystring: s.subjectQuery,
          response: { 200: z.object({ items: z.array(s.step) }) },
        },
      },
      async (req) => ({ items: await listSteps(deps, principalOf(req), req.query) }),
    );

    app.get(
      '/av-gaps',
      {
        schema: {
          tags,
          summary: '某一对象缺少音像记录的环节',
          querystring: s.subjectQuery,
          response: { 200: z.object({ items: z.array(s.avGap) }) },
        },
      },
      async (req) => ({ items: await subjectGaps(deps, principalOf(req), req.query) }),
    );
    app.get(
      '/agencies/:id/av-gaps',
      {
        schema: {
          tags,
          summary: '本机关一段时间内缺少音像记录的环节（默认最近 90 天）',
          params: s.idParams,
          querystring: s.agencyGapsQuery,
          response: { 200: s.agencyGaps },
        },
      },
      (req) => agencyGaps(deps, principalOf(req), req.params.id, req.query),
    );
  };
}
