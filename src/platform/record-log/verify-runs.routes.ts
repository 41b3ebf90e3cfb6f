import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/authentication.ts';
import { listVerifyRuns, runVerification, type VerifyRunDeps } from './verify-runs.service.ts';

/** `/api/v1/log/verify-runs`: run the full verification of the record log now, and list past runs. */
const problem = z.object({ table: z.string(), id: z.string(), message: z.string() });
const verifyRun = z.object({
  id: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  ok: z.boolean(),
  size: z.number(),
  pending: z.number(),
  legacy: z.number(),
  subjects: z.number(),
  durationMs: z.number(),
  problemCount: z.number(),
  problems: z.array(problem),
});

export function verifyRunsRoutes(deps: VerifyRunDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['记录日志'];

    app.post(
      '/log/verify-runs',
      {
        config: { heavy: 'verify' },
        schema: {
          tags,
          summary: '立即完整核验记录日志（同 sanxiang verify），结果记入审计',
          body: z.strictObject({ agencyId: z.uuid().optional() }).optional(),
          response: { 200: verifyRun },
        },
      },
      (req) => {
        const principal = principalOf(req);
        return runVerification(deps, principal, req.body?.agencyId ?? principal.agencyId);
      },
    );

    app.get(
      '/log/verify-runs',
      {
        schema: {
          tags,
          summary: '记录日志的历次完整核验',
          querystring: z.strictObject({ agencyId: z.uuid().optional() }),
          response: { 200: z.object({ items: z.array(verifyRun) }) },
        },
      },
      async (req) => {
        const principal = principalOf(req);
        return { items: await listVerifyRuns(deps, principal, req.query.agencyId ?? principal.agencyId) };
      },
    );
  };
}
