import { actionsOn } from '../platform/auth/policy.ts';
import { reviewPolicy } from './review.policy.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { chinaDate } from '../platform/clock.ts';
import { attachment, XLSX_TYPE } from '../platform/excel/cells.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { accountability, accountabilityWorkbook } from './accountability.service.ts';
import { approveCatalogue, draftCatalogue, listCatalogues } from './catalogue.service.ts';
import { measureLabels } from './catalogue.rules.ts';
import { precheckStatusLabels } from './prechecks/precheck.ts';
import { caseReviews, getReview, listReviews } from './review.queries.ts';
import { standingProposalFor } from './standing-proposal.queries.ts';
import {
  findingLabels,
  gateRefusalMessages,
  pointLabels,
  resultLabels,
  statusLabels,
} from './review.rules.ts';
import * as s from './review.schema.ts';
import {
  assignReviewer,
  concludeReview,
  disagree,
  extendReview,
  inviteParticipant,
  recordDeliberation,
  submitReview,
} from './review.service.ts';
import { addQualification, addTraining, listReviewers, qualificationLabels } from './reviewers.service.ts';

/** Legal review (法制审核) under /api/v1/reviews and /api/v1/review-catalogue. Thin: parse, call, answer. */
export function reviewRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['法制审核'];

    app.get(
      '/reviews/reference',
      { schema: { tags, summary: '代码表（审核要点、结论、状态、处罚种类）' } },
      () => ({
        points: pointLabels,
        findings: findingLabels,
        results: resultLabels,
        statuses: statusLabels,
        refusals: gateRefusalMessages,
        measures: measureLabels,
        precheckStatuses: precheckStatusLabels,
        qualifications: qualificationLabels,
      }),
    );
    app.get(
      '/reviews',
      { schema: { tags, summary: '审核队列（按期限排序）', querystring: s.reviewsQuery } },
      (req) => listReviews(deps, principalOf(req), req.query),
    );
    app.post(
      '/reviews',
      { schema: { tags, summary: '提交法制审核（组装送审材料并自动预审）', body: s.submission } },
      async (req, reply) =>
        reply
          .status(201)
          .send(await submitReview(deps, principalOf(req), req.body.caseId, req.body.proposal)),
    );
    app.get(
      '/cases/:id/standing-proposal',
      {
        schema: {
          tags,
          summary: '案件已认定的事实与拟作出的决定（调查终结报告或上一轮送审内容），用于提交审核',
          params: s.idParams,
        },
      },
      (req) => standingProposalFor(deps, principalOf(req), req.params.id),
    );
    app.get(
      '/reviews/accountability',
      {
        schema: {
          tags,
          summary: '问责统计：未经审核的决定、逾期、拒绝记录、退回率',
          querystring: s.accountabilityQuery,
        },
      },
      (req) => accountability(deps, principalOf(req), req.query),
    );
    app.get(
      '/reviews/accountability.xlsx',
      {
        config: { heavy: 'excel' },
        schema: { tags, summary: '导出问责统计 Excel', querystring: s.accountabilityQuery },
      },
      async (req, reply) => {
        const report = await accountability(deps, principalOf(req), req.query);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(`法制审核问责统计_${report.from}_${report.to}.xlsx`))
          .send(await accountabilityWorkbook(report));
      },
    );
    app.get('/reviews/reviewers', { schema: { tags, summary: '审核人员：资格、培训、工作量' } }, (req) =>
      listReviewers(deps, principalOf(req)),
    );
    app.post(
      '/reviews/reviewers/qualifications',
      { schema: { tags, summary: '登记审核人员的法律职业资格', body: s.qualificationInput } },
      async (req, reply) => reply.status(201).send(await addQualification(deps, principalOf(req), req.body)),
    );
    app.post(
      '/reviews/reviewers/trainings',
      { schema: { tags, summary: '登记审核人员的培训', body: s.trainingInput } },
      async (req, reply) => reply.status(201).send(await addTraining(deps, principalOf(req), req.body)),
    );
    app.get(
      '/reviews/cases/:caseId',
      { schema: { tags, summary: '案件的审核历史，以及现在能否作出决定', params: s.caseParams } },
      (req) => caseReviews(deps, principalOf(req), req.params.caseId),
    );
    app.get(
      '/reviews/:id',
      { schema: { tags, summary: '审核详情：送审材料、预审结果、审核要点', params: s.idParams } },
      async (req) => {
        const principal = principalOf(req);
        const view = await getReview(deps, principal, req.params.id);
        return { ...view, can: actionsOn(principal, reviewPolicy, view.agencyId) };
      },
    );
    app.post(
      '/reviews/:id/assignment',
      {
        schema: {
          tags,
          summary: '分配审核人员（法制机构人员；初次审核须有法律职业资格；回避）',
          params: s.idParams,
          body: s.assignment,
        },
      },
      (req) => assignReviewer(deps, principalOf(req), req.params.id, req.body.reviewerId),
    );
    app.post(
      '/reviews/:id/participants',
      { schema: { tags, summary: '邀请法律顾问、公职律师参与审核', params: s.idParams, body: s.invitation } },
      (req) => inviteParticipant(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/reviews/:id/extension',
      { schema: { tags, summary: '延长审核期限（经批准）', params: s.idParams, body: s.extension } },
      (req) => extendReview(deps, principalOf(req), req.params.id, req.body.reason),
    );
    app.post(
      '/reviews/:id/conclusion',
      {
        schema: {
          tags,
          summary: '作出审核结论（逐项审核要点，生成法制审核意见书）',
          params: s.idParams,
          body: s.decision,
        },
      },
      (req) => concludeReview(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/reviews/:id/disagreement',
      {
        schema: { tags, summary: '对审核意见有异议，提请集体讨论', params: s.idParams, body: s.disagreement },
      },
      (req) => disagree(deps, principalOf(req), req.params.id, req.body.reason),
    );
    app.post(
      '/reviews/:id/deliberation',
      { schema: { tags, summary: '记录集体讨论及其结论', params: s.idParams, body: s.deliberation } },
      (req) => recordDeliberation(deps, principalOf(req), req.params.id, req.body),
    );

    const catalogueTags = ['法制审核目录'];
    app.get(
      '/review-catalogue',
      {
        schema: {
          tags: catalogueTags,
          summary: '法制审核目录：施行中的版本与全部版本',
          querystring: z.strictObject({ on: z.iso.date().optional() }),
        },
      },
      (req) => listCatalogues(deps, principalOf(req), req.query.on ?? chinaDate(deps.clock.now())),
    );
    app.post(
      '/review-catalogue',
      { schema: { tags: catalogueTags, summary: '起草新版本的法制审核目录', body: s.catalogueInput } },
      async (req, reply) => reply.status(201).send(await draftCatalogue(deps, principalOf(req), req.body)),
    );
    app.post(
      '/review-catalogue/:id/approval',
      {
        schema: {
          tags: catalogueTags,
          summary: '登记县级人民政府对目录的批准（批准后自施行日期起适用）',
          params: s.idParams,
          body: s.catalogueApproval,
        },
      },
      (req) => approveCatalogue(deps, principalOf(req), req.params.id, req.body),
    );
  };
}
