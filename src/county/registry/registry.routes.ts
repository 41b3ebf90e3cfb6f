import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../org/org.schema.ts';
import type { CommandDeps } from '../../platform/audit/command.ts';
import { principalOf } from '../../platform/http/authentication.ts';
import * as s from './registry.schema.ts';
import {
  getCountyAgency,
  listCountyAgencies,
  registerCountyAgency,
  reinstateCountyAgency,
  replacePushKeys,
  suspendCountyAgency,
} from './registry.service.ts';

/** The county platform's registry under /api/v1/county/agencies (docs/county.md). Thin: parse, call, answer. */
export function registryRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['县级监督平台：备案机关'];
    const detail = { 200: s.countyAgencyDetail };

    app.get(
      '/county/agencies',
      {
        schema: {
          tags,
          summary: '备案的被监督机关（状态、已接收的推送序号）',
          response: { 200: z.object({ items: z.array(s.countyAgency) }) },
        },
      },
      async (req) => ({ items: await listCountyAgencies(deps.db, principalOf(req)) }),
    );
    app.get(
      '/county/agencies/:id',
      { schema: { tags, summary: '备案机关详情及其变更', params: idParams, response: detail } },
      (req) => getCountyAgency(deps.db, principalOf(req), req.params.id),
    );
    app.post(
      '/county/agencies',
      {
        schema: {
          tags,
          summary: '备案被监督机关（并登记见证其记录日志）',
          body: s.agencyRegistration,
          response: { 201: s.countyAgencyDetail },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await registerCountyAgency(deps, principalOf(req), req.body)),
    );
    app.post(
      '/county/agencies/:id/suspend',
      {
        schema: { tags, summary: '暂停机关的推送', params: idParams, body: s.suspendInput, response: detail },
      },
      (req) => suspendCountyAgency(deps, principalOf(req), req.params.id, req.body.reason),
    );
    app.post(
      '/county/agencies/:id/reinstate',
      {
        schema: {
          tags,
          summary: '恢复机关的推送',
          params: idParams,
          body: s.reinstateInput,
          response: detail,
        },
      },
      (req) => reinstateCountyAgency(deps, principalOf(req), req.params.id, req.body.reason ?? null),
    );
    app.put(
      '/county/agencies/:id/keys',
      {
        schema: {
          tags,
          summary: '更换机关的推送验证公钥',
          params: idParams,
          body: s.keysInput,
          response: detail,
        },
      },
      (req) => replacePushKeys(deps, principalOf(req), req.params.id, req.body.pushKeys),
    );
  };
}
