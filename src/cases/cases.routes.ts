import { actionsOn } from '../platform/auth/policy.ts';
import { casesPolicy } from './cases.policy.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../platform/http/authentication.ts';
import { caseDeadlineDefs } from './case-deadlines.rules.ts';
import { checkDecisionGates, type CaseDeps } from './case-decision.gates.ts';
import { decide } from './case-decision.service.ts';
import { dueDeadlines } from './case-deadlines.queries.ts';
import { getCase } from './case-detail.queries.ts';
import { createCase } from './case-open.service.ts';
import { assignOfficer, declareRecusal, recuseOfficer } from './case-officers.service.ts';
import { extendDeadline, resumeCase, suspendCase } from './case-periods.service.ts';
import { setSocialImpact } from './case-social-impact.service.ts';
import { takeStep } from './case-step.take.ts';
import { myTasks } from './case-tasks.queries.ts';
import { caseTimeline } from './case-timeline.queries.ts';
import { listCases } from './cases.queries.ts';
import * as s from './cases.schema.ts';
import { excludeLicensingTime } from './licensing-time.service.ts';
import { lifecycles } from './lifecycles/index.ts';
import { applyForRecusal, decideRecusalApplication } from './recusal.service.ts';

/**
 * Cases under /api/v1/cases. Thin: parse, call, answer. The decision has its own route, whose gates
 * (`deps.beforeDecision`, e.g. legal review) run before the body is read.
 */
export function casesRoutes(deps: CaseDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['案件办理'];

    app.get(
      '/cases/lifecycles',
      { schema: { tags, summary: '各类案件的法定流程（状态、环节、依据）' } },
      () => ({
        lifecycles,
        deadlines: caseDeadlineDefs,
        outcomes: s.decisionOutcomes,
      }),
    );
    app.get(
      '/cases',
      { schema: { tags, summary: '案件列表（按状态、类别、人员筛选）', querystring: s.casesQuery } },
      async (req) => ({
        ...(await listCases(deps, principalOf(req), req.query)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    );
    app.get('/cases/tasks', { schema: { tags, summary: '我的待办' } }, async (req) => ({
      items: await myTasks(deps, principalOf(req)),
    }));
    app.get(
      '/cases/deadlines',
      {
        schema: { tags, summary: '临期和逾期的法定期限（工作台、执法监督）', querystring: s.deadlinesQuery },
      },
      async (req) => ({ items: await dueDeadlines(deps, principalOf(req), req.query) }),
    );
    app.get(
      '/cases/:id',
      { schema: { tags, summary: '案件详情及可办理的环节', params: s.idParams } },
      async (req) => {
        const principal = principalOf(req);
        const view = await getCase(deps, principal, req.params.id);
        return { ...view, can: actionsOn(principal, casesPolicy, view.case.agencyId) };
      },
    );
    app.get(
      '/cases/:id/timeline',
      { schema: { tags, summary: '案件办理过程（每条记录的记录日志序号）', params: s.idParams } },
      async (req) => ({ items: await caseTimeline(deps, principalOf(req), req.params.id) }),
    );
    app.post('/cases', { schema: { tags, summary: '登记案件', body: s.caseInput } }, async (req, reply) =>
      reply.status(201).send(await createCase(deps, principalOf(req), req.body)),
    );
    app.post(
      '/cases/:id/steps/:step',
      { schema: { tags, summary: '办理流程环节', params: s.stepParams, body: s.stepInput } },
      (req) => takeStep(deps, principalOf(req), req.params.id, req.params.step, req.body),
    );
    app.post(
      '/cases/:id/decision',
      {
        schema: {
          tags,
          summary: '作出决定（法制审核等前置检查先于请求内容）',
          params: s.idParams,
          body: s.decisionInput,
        },
        // The gates come before the body is parsed: a refused decision is refused whatever it holds.
        preValidation: async (req) => {
          const { id } = req.params;
          await checkDecisionGates(deps, principalOf(req), id);
        },
      },
      (req) => decide(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/cases/:id/officers',
      { schema: { tags, summary: '指派办案人员', params: s.idParams, body: s.officerInput } },
      (req) => assignOfficer(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/cases/:id/officers/:personId/declaration',
      { schema: { tags, summary: '回避声明（本人）', params: s.officerParams, body: s.declarationInput } },
      (req) => declareRecusal(deps, principalOf(req), req.params.id, req.params.personId, req.body),
    );
    app.post(
      '/cases/:id/officers/:personId/recusal',
      { schema: { tags, summary: '决定回避（机关负责人）', params: s.officerParams, body: s.recusalInput } },
      (req) => recuseOfficer(deps, principalOf(req), req.params.id, req.params.personId, req.body),
    );
    app.post(
      '/cases/:id/officers/:personId/recusal-application',
      {
        schema: {
          tags,
          summary: '登记当事人的回避申请（行政处罚法 §43）',
          params: s.officerParams,
          body: s.recusalApplicationInput,
        },
      },
      (req) => applyForRecusal(deps, principalOf(req), req.params.id, req.params.personId, req.body),
    );
    app.post(
      '/cases/:id/recusal-applications/:applicationId/decision',
      {
        schema: {
          tags,
          summary: '对回避申请作出决定（机关负责人）',
          params: s.applicationParams,
          body: s.recusalApplicationDecisionInput,
        },
      },
      (req) =>
        decideRecusalApplication(deps, principalOf(req), req.params.id, req.params.applicationId, req.body),
    );
    app.post(
      '/cases/:id/suspend',
      { schema: { tags, summary: '中止案件（期限停止计算）', params: s.idParams, body: s.suspendInput } },
      (req) => suspendCase(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/cases/:id/resume',
      { schema: { tags, summary: '恢复办理', params: s.idParams, body: s.resumeInput } },
      (req) => resumeCase(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/cases/:id/social-impact',
      {
        schema: {
          tags,
          summary: '标记案件具有社会影响（须集体讨论决定）',
          params: s.idParams,
          body: s.socialImpactInput,
        },
      },
      (req) => setSocialImpact(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/cases/:id/extensions',
      { schema: { tags, summary: '延长法定期限（经批准）', params: s.idParams, body: s.extensionInput } },
      (req) => extendDeadline(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/cases/:id/excluded-time',
      {
        schema: {
          tags,
          summary: '扣除不计入许可期限的时间（招标、拍卖、检验、检测、检疫、鉴定、专家评审，行政许可法 §45）',
          params: s.idParams,
          body: s.excludedTimeInput,
        },
      },
      (req) => excludeLicensingTime(deps, principalOf(req), req.params.id, req.body),
    );
  };
}
