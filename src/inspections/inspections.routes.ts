import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { AppError } from '../platform/errors.ts';
import { attachment, XLSX_TYPE } from '../platform/excel/cells.ts';
import { principalOf } from '../platform/http/authentication.ts';
import * as c from './commitment.schema.ts';
import { commitmentView, commitmentViewOfTask } from './draws.queries.ts';
import { commitTask, enterBeacon, makeDraw } from './draws.service.ts';
import * as p from './plans.schema.ts';
import {
  addTask,
  approvePlan,
  cancelTask,
  createPlan,
  getPlan,
  listPlans,
  publishPlan,
} from './plans.service.ts';
import * as r from './results.schema.ts';
import { listAssignments, publishResult, recordResult } from './results.service.ts';
import * as t from './targets.schema.ts';
import { exportTargets, importTargets, targetsTemplate } from './targets-excel.service.ts';
import { addTarget, changeTarget, getTarget, listTargets } from './targets.service.ts';

const idParams = z.strictObject({ id: z.uuid('编号格式不正确') });

/**
 * Random inspection in the workbench, under /api/v1/inspections (issue 15; docs/random-inspection.md):
 * the target directory, plans and tasks, commitments, beacons and draws. Thin: parse, call, answer.
 */
export function inspectionsRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['双随机抽查'];
    app.addContentTypeParser(
      XLSX_TYPE,
      { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );

    app.get(
      '/inspections/targets',
      {
        schema: {
          tags,
          summary: '检查对象名录库',
          querystring: t.targetQuery,
          response: { 200: z.object({ items: z.array(t.target) }) },
        },
      },
      async (req) => ({ items: await listTargets(deps.db, principalOf(req), req.query) }),
    );
    app.get(
      '/inspections/targets/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: { tags, summary: '导出检查对象名录 Excel', querystring: t.targetQuery },
      },
      async (req, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('检查对象名录.xlsx'))
          .send(await exportTargets(await listTargets(deps.db, principalOf(req), req.query))),
    );
    app.get(
      '/inspections/targets/import-template.xlsx',
      { config: { heavy: 'excel' }, schema: { tags, summary: '检查对象导入模板' } },
      async (req, reply) => {
        principalOf(req);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('检查对象导入模板.xlsx'))
          .send(await targetsTemplate());
      },
    );
    app.post(
      '/inspections/targets/import',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '导入检查对象 Excel（先试导入检查每一行；已有的信用代码按表更新）',
          querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).default('true') }),
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body))
          throw new AppError('BAD_REQUEST', { detail: `请以 ${XLSX_TYPE} 上传 Excel 文件` });
        return importTargets(deps, principalOf(req), req.body, req.query.dryRun === 'true');
      },
    );
    app.post(
      '/inspections/targets',
      { schema: { tags, summary: '检查对象入库', body: t.targetInput, response: { 201: t.targetDetail } } },
      async (req, reply) => reply.status(201).send(await addTarget(deps, principalOf(req), req.body)),
    );
    app.get(
      '/inspections/targets/:id',
      {
        schema: {
          tags,
          summary: '检查对象及其变更记录',
          params: idParams,
          response: { 200: t.targetDetail },
        },
      },
      (req) => getTarget(deps.db, principalOf(req), req.params.id),
    );
    app.patch(
      '/inspections/targets/:id',
      {
        schema: {
          tags,
          summary: '变更检查对象（风险等级、移出或重新入库），须写明原因',
          params: idParams,
          body: t.targetPatch,
          response: { 200: t.targetDetail },
        },
      },
      (req) => changeTarget(deps, principalOf(req), req.params.id, req.body),
    );

    app.get(
      '/inspections/plans',
      { schema: { tags, summary: '年度抽查计划', response: { 200: z.object({ items: z.array(p.plan) }) } } },
      async (req) => ({ items: await listPlans(deps.db, principalOf(req), deps.clock.now()) }),
    );
    app.post(
      '/inspections/plans',
      { schema: { tags, summary: '新建年度抽查计划', body: p.planInput, response: { 201: p.plan } } },
      async (req, reply) => reply.status(201).send(await createPlan(deps, principalOf(req), req.body)),
    );
    app.get(
      '/inspections/plans/:id',
      { schema: { tags, summary: '抽查计划及其任务', params: idParams, response: { 200: p.plan } } },
      (req) => getPlan(deps.db, principalOf(req), req.params.id, deps.clock.now()),
    );
    app.post(
      '/inspections/plans/:id/tasks',
      {
        schema: {
          tags,
          summary: '增加抽查任务',
          params: idParams,
          body: p.taskInput,
          response: { 201: p.plan },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await addTask(deps, principalOf(req), req.params.id, req.body)),
    );
    app.post(
      '/inspections/plans/:id/approve',
      {
        schema: {
          tags,
          summary: '批准抽查计划',
          params: idParams,
          body: p.approveInput,
          response: { 200: p.plan },
        },
      },
      (req) => approvePlan(deps, principalOf(req), req.params.id, req.body.on),
    );
    app.post(
      '/inspections/plans/:id/publish',
      {
        schema: {
          tags,
          summary: '在门户公示抽查计划（须在任务开始前）',
          params: idParams,
          response: { 200: p.plan },
        },
      },
      (req) => publishPlan(deps, principalOf(req), req.params.id),
    );
    app.post(
      '/inspections/tasks/:id/cancel',
      {
        schema: {
          tags,
          summary: '取消抽查任务（写明原因）',
          params: idParams,
          body: p.cancelInput,
          response: { 200: p.plan },
        },
      },
      (req) => cancelTask(deps, principalOf(req), req.params.id, req.body.reason),
    );

    app.get(
      '/inspections/tasks/:id/commitment',
      {
        schema: {
          tags,
          summary: '任务的抽取承诺、公开随机数和抽取结果',
          params: idParams,
          response: { 200: z.object({ commitment: c.commitmentView.nullable() }) },
        },
      },
      async (req) => ({ commitment: await commitmentViewOfTask(deps.db, principalOf(req), req.params.id) }),
    );
    app.post(
      '/inspections/tasks/:id/commitment',
      {
        schema: {
          tags,
          summary: '作出抽取承诺（名录快照、抽取数、回避、公开随机数；24 小时后方可抽取）',
          params: idParams,
          body: c.commitInput,
          response: { 201: c.commitmentView },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await commitTask(deps, principalOf(req), req.params.id, req.body)),
    );
    app.get(
      '/inspections/commitments/:id',
      { schema: { tags, summary: '抽取承诺', params: idParams, response: { 200: c.commitmentView } } },
      (req) => commitmentView(deps.db, principalOf(req), req.params.id),
    );
    app.post(
      '/inspections/commitments/:id/beacons',
      {
        schema: {
          tags,
          summary: '录入承诺指定的公开随机数（只能录入一次）',
          params: idParams,
          body: c.beaconInput,
          response: { 200: c.commitmentView },
        },
      },
      (req) => enterBeacon(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/inspections/commitments/:id/draw',
      {
        schema: {
          tags,
          summary: '抽取（sanxiang-draw/v1），并为每个抽中的对象开立检查案件',
          params: idParams,
          response: { 200: c.commitmentView },
        },
      },
      (req) => makeDraw(deps, principalOf(req), req.params.id),
    );

    app.get(
      '/inspections/assignments',
      {
        schema: {
          tags,
          summary: '抽中的检查（我的检查：mine=true），及其检查结果与公示期限',
          querystring: r.assignmentsQuery,
          response: { 200: z.object({ items: z.array(r.assignment) }) },
        },
      },
      async (req) => ({ items: await listAssignments(deps, principalOf(req), req.query) }),
    );
    app.post(
      '/inspections/assignments/:id/result',
      {
        schema: {
          tags,
          summary: '记录检查结果（出具检查结果后；二十个工作日内公示）',
          params: idParams,
          body: r.resultInput,
          response: { 200: r.assignment },
        },
      },
      (req) => recordResult(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/inspections/assignments/:id/publish',
      { schema: { tags, summary: '公示检查结果', params: idParams, response: { 200: r.assignment } } },
      (req) => publishResult(deps, principalOf(req), req.params.id),
    );
  };
}
