import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { idParams } from './cases.schema.ts';
import { paymentView } from './payment.queries.ts';
import * as s from './payment.schema.ts';
import { applyCourtEnforcement, demandPayment, recordCourtResult } from './payment-execution.service.ts';
import { recordHandover } from './payment-handover.service.ts';
import { applyPaymentPlan, decidePaymentPlan } from './payment-plan.service.ts';
import { recordPayment } from './payment-record.service.ts';

/** Payment and execution of fines under /api/v1/cases/{id}/… (payment-*.service.ts). Thin: parse, call, answer. */
export function paymentRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['罚款缴纳与执行'];
    app.get(
      '/cases/:id/payment',
      {
        schema: {
          tags,
          summary: '罚款缴纳情况（应缴金额、缴款记录、暂缓分期、催告和申请强制执行）',
          params: idParams,
        },
      },
      (req) => paymentView(deps, principalOf(req), req.params.id),
    );
    app.post(
      '/cases/:id/payments',
      {
        schema: {
          tags,
          summary: '登记缴纳罚款（银行缴款凭证，或依法当场收缴）',
          params: idParams,
          body: s.paymentInput,
        },
      },
      (req) => recordPayment(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/cases/:id/payment-plans',
      {
        schema: {
          tags,
          summary: '登记当事人暂缓或分期缴纳罚款申请',
          params: idParams,
          body: s.paymentPlanInput,
        },
      },
      (req) => applyPaymentPlan(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/cases/:id/payment-plans/:planId/decision',
      {
        schema: {
          tags,
          summary: '审批暂缓或分期缴纳罚款（机关负责人）',
          params: s.planParams,
          body: s.planDecisionInput,
        },
      },
      (req) => decidePaymentPlan(deps, principalOf(req), req.params.id, req.params.planId, req.body),
    );
    app.post(
      '/cases/:id/payment-demand',
      { schema: { tags, summary: '催告履行（送达催告书）', params: idParams, body: s.demandInput } },
      (req) => demandPayment(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/cases/:id/court-application',
      { schema: { tags, summary: '申请人民法院强制执行', params: idParams, body: s.courtApplicationInput } },
      (req) => applyCourtEnforcement(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/cases/:id/court-result',
      { schema: { tags, summary: '登记人民法院执行情况', params: idParams, body: s.courtResultInput } },
      (req) => recordCourtResult(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/cases/:id/payments/:paymentId/handovers',
      {
        schema: {
          tags,
          summary: '登记当场收缴罚款的交款（交至机关、缴付银行）',
          params: s.paymentParams,
          body: s.handoverInput,
        },
      },
      (req) => recordHandover(deps, principalOf(req), req.params.id, req.params.paymentId, req.body),
    );
  };
}
