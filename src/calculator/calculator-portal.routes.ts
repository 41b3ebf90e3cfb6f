import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RateLimit } from '../platform/config.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import type { Db } from '../platform/db/database.ts';
import { limitedBy } from '../platform/http/rate-limit.ts';
import { sendPage } from '../publicity/portal/portal.routes.ts';
import { computePeriod } from './calculator.rules.ts';
import {
  calculatorPage,
  emptyCalculatorForm,
  type CalculatorForm,
  type FieldError,
} from './calculator.page.ts';
import { periodQuestion } from './calculator.schema.ts';

const formQuery = z.object({
  period: z.string().max(40).optional(),
  from: z.string().max(20).optional(),
  extended: z.string().max(5).optional(),
  excludedFrom: z.string().max(20).optional(),
  excludedTo: z.string().max(20).optional(),
  reason: z.string().max(20).optional(),
});

/** The form's fields named as the API's body paths name them. */
const fieldOfPath: Record<string, keyof CalculatorForm> = {
  period: 'period',
  from: 'from',
  'excluded.0.from': 'excludedFrom',
  'excluded.0.to': 'excludedTo',
  'excluded.0.reason': 'reason',
};

/** 期限计算 on the portal (GET /deadlines): the calculator's periods without JavaScript. */
export function calculatorPortalRoutes(deps: { db: Db; lookupLimit: RateLimit }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get(
      '/deadlines',
      { schema: { hide: true, querystring: formQuery }, config: limitedBy(deps.lookupLimit, 'lookup') },
      async (req, reply) => {
        const q = req.query as z.infer<typeof formQuery>;
        const form: CalculatorForm = {
          period: q.period ?? emptyCalculatorForm.period,
          from: q.from ?? '',
          extended: q.extended === '1',
          excludedFrom: q.excludedFrom ?? '',
          excludedTo: q.excludedTo ?? '',
          reason: q.reason ?? emptyCalculatorForm.reason,
        };
        if (!q.from) return sendPage(reply, calculatorPage(form, null, []));
        const excluded =
          form.excludedFrom || form.excludedTo
            ? [{ from: form.excludedFrom, to: form.excludedTo, reason: form.reason }]
            : undefined;
        const parsed = periodQuestion.safeParse({
          period: form.period,
          from: form.from,
          extended: form.extended,
          ...(excluded ? { excluded } : {}),
        });
        if (!parsed.success) {
          const errors: FieldError[] = parsed.error.issues.map((issue) => ({
            field: fieldOfPath[issue.path.join('.')] ?? 'from',
            message: issue.message,
          }));
          return sendPage(reply, calculatorPage(form, null, errors), 400);
        }
        const answer = computePeriod(await workingCalendar(deps.db), parsed.data);
        return sendPage(reply, calculatorPage(form, answer, []));
      },
    );
  };
}
