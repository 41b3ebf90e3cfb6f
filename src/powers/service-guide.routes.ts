import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { idParams } from './power-list.schema.ts';
import { serviceGuideAnswer, serviceGuideInput } from './service-guide.schema.ts';
import { getServiceGuide, saveServiceGuide } from './service-guide.service.ts';

/** Service guides (服务指南) of power-list items under /api/v1/powers/:id/service-guide. */
export function serviceGuideRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['权责清单'];
    app.get(
      '/powers/:id/service-guide',
      {
        schema: {
          tags,
          summary: '事项的服务指南（最新修订）',
          params: idParams,
          response: { 200: serviceGuideAnswer },
        },
      },
      (req) => getServiceGuide(deps, principalOf(req), req.params.id),
    );
    app.put(
      '/powers/:id/service-guide',
      {
        schema: {
          tags,
          summary: '保存服务指南（新修订；办理时限和收费标准取自事项版本）',
          params: idParams,
          body: serviceGuideInput,
          response: { 200: serviceGuideAnswer },
        },
      },
      (req) => saveServiceGuide(deps, principalOf(req), req.params.id, req.body),
    );
  };
}
