import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandDeps } from '../audit/command.ts';
import { authorize } from '../auth/policy.ts';
import type { RateLimit } from '../config.ts';
import { principalOf } from '../http/authentication.ts';
import { limitedBy } from '../http/rate-limit.ts';
import { calendarPolicy, listYears, loadNotice, workingCalendar } from './calendar.service.ts';
import { addWorkingDays, isIsoDate } from './working-days.rules.ts';

const isoDate = z.string().refine(isIsoDate, '日期应为 YYYY-MM-DD 格式的有效日期');

export const calendarWarning = z.object({
  code: z.literal('YEAR_NOT_LOADED'),
  year: z.number().int(),
  message: z.string(),
});

export const dueDate = z.object({ date: z.string(), warnings: z.array(calendarWarning) });

const loadedYear = z.object({
  year: z.number().int(),
  source: z
    .enum(['bundled', 'notice'])
    .describe('bundled：随 chinese-days 数据包提供；notice：管理员导入的通知'),
  title: z.string().nullable(),
  holidays: z.number().int(),
  makeUpWorkdays: z.number().int(),
  loadedAt: z.string().nullable(),
});

export const holidayNotice = z.strictObject({
  year: z.number().int().min(1949).max(9999),
  title: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('通知名称，如 国务院办公厅关于2027年部分节假日安排的通知'),
  holidays: z.array(isoDate).max(80).describe('放假日期（含假期中的周末）'),
  makeUpWorkdays: z.array(isoDate).max(20).describe('调休上班的周六、周日'),
});

/** The working-day calendar under /api/v1/calendar: a public count, and the administrator's imports. */
export function calendarRoutes(deps: CommandDeps & { lookupLimit: RateLimit }) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['工作日历'];
    app.get(
      '/calendar/working-days',
      {
        config: limitedBy(deps.lookupLimit, 'lookup'),
        schema: {
          tags,
          summary: '第 N 个工作日（起算日不计入；公开，无需登录）',
          security: [],
          querystring: z.strictObject({
            from: isoDate,
            add: z.coerce.number().int().min(-3660).max(3660),
          }),
          response: { 200: dueDate },
        },
      },
      async (req) => addWorkingDays(await workingCalendar(deps.db), req.query.from, req.query.add),
    );
    app.get(
      '/calendar/years',
      {
        schema: {
          tags,
          summary: '已载入节假日安排的年份',
          response: { 200: z.object({ years: z.array(loadedYear) }) },
        },
      },
      async (req) => {
        const principal = principalOf(req);
        authorize(principal, calendarPolicy.read, principal.agencyId);
        return { years: await listYears(deps.db) };
      },
    );
    app.post(
      '/calendar/years',
      {
        schema: {
          tags,
          summary: '导入某年国务院节假日安排通知（平台管理员；全实例各机关共用；同一年再次导入即更正）',
          body: holidayNotice,
          response: { 201: z.object({ years: z.array(loadedYear) }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ years: await loadNotice(deps, principalOf(req), req.body) }),
    );
  };
}
