import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RateLimit } from '../platform/config.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import type { Db } from '../platform/db/database.ts';
import { limitedBy } from '../platform/http/rate-limit.ts';
import {
  computePeriod,
  computeSurcharge,
  hearingRightOf,
  publicityOf,
  summaryProcedure,
  timeBarOf,
} from './calculator.rules.ts';
import * as s from './calculator.schema.ts';

/**
 * The deadline calculator under /api/v1/rules: public (no sign-in), rate-limited per client address as the
 * other public lookups are, each answer with its steps and basis.
 */
export function calculatorRoutes(deps: { db: Db; lookupLimit: RateLimit }) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const common = { tags: ['期限计算器'], security: [] };
    const config = limitedBy(deps.lookupLimit, 'lookup');
    app.post(
      '/rules/periods',
      {
        config,
        schema: {
          ...common,
          summary: '法定期限的最后一日，附计算步骤与依据（公开，无需登录）',
          body: s.periodQuestion,
          response: { 200: s.periodAnswer },
        },
      },
      async (req) => computePeriod(await workingCalendar(deps.db), req.body),
    );
    app.post(
      '/rules/surcharge',
      {
        config,
        schema: {
          ...common,
          summary: '逾期缴纳罚款的加处罚款（每日 3%，不超出罚款数额）',
          body: s.surchargeQuestion,
          response: { 200: s.surchargeAnswer },
        },
      },
      async (req) => computeSurcharge(await workingCalendar(deps.db), req.body),
    );
    app.post(
      '/rules/summary-procedure',
      {
        config,
        schema: {
          ...common,
          summary: '能否适用简易程序当场作出处罚',
          body: s.summaryQuestion,
          response: { 200: s.summaryAnswer },
        },
      },
      async (req) => summaryProcedure(req.body),
    );
    app.post(
      '/rules/hearing-right',
      {
        config,
        schema: {
          ...common,
          summary: '拟作出的处罚是否告知听证权利',
          body: s.hearingQuestion,
          response: { 200: s.hearingAnswer },
        },
      },
      async (req) => hearingRightOf(req.body.party, req.body.sanctions),
    );
    app.post(
      '/rules/publicity',
      {
        config,
        schema: {
          ...common,
          summary: '行政处罚信息的公示期限与可申请提前停止公示之日',
          body: s.publicityQuestion,
          response: { 200: s.publicityAnswer },
        },
      },
      async (req) => {
        const answer = publicityOf({ ...req.body, field: req.body.field ?? null });
        if (req.body.procedure !== 'summary') return answer;
        return {
          published: false,
          endsOn: null,
          earlyEndFrom: null,
          basis: '市场监督管理行政处罚信息公示规定 §6：公示适用普通程序作出的行政处罚决定',
          steps: ['简易程序作出的行政处罚决定不在公示范围内'],
        };
      },
    );
    app.post(
      '/rules/time-bar',
      {
        config,
        schema: {
          ...common,
          summary: '违法行为是否已过追责时效（二年，或五年）',
          body: s.timeBarQuestion,
          response: { 200: s.timeBarAnswer },
        },
      },
      async (req) => timeBarOf(req.body),
    );
  };
}
