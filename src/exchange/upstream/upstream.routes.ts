import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachment, XLSX_TYPE } from '../../platform/excel/cells.ts';
import { principalOf } from '../../platform/http/authentication.ts';
import { pairingInfo, pairUpstream, type PairingDeps, type PairingKeys } from './pairing.service.ts';
import { exportRejections, upstreamRejections, upstreamStatus } from './upstream-status.service.ts';
import {
  pairBody,
  pairingInfo as pairingInfoSchema,
  pairResult,
  rejection,
  upstreamStatus as status,
} from './upstream.schema.ts';

/**
 * `/api/v1/upstream`: the agency's pairing with the county platform and how its push goes
 * (docs/county-push.md "Pairing", "The sender"); the agency's administrator only (docs/permissions.md).
 */
export interface UpstreamRoutesDeps extends PairingDeps {
  /** This instance's address and keys (the push key is made at first use). */
  keys: () => PairingKeys;
}

export function upstreamRoutes(deps: UpstreamRoutesDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['县级监督平台推送'];

    app.get(
      '/upstream/pairing-info',
      {
        schema: {
          tags,
          summary: '本机关的配对信息（供县级监督平台登记：信用代码、记录日志公钥、推送公钥等）',
          response: { 200: pairingInfoSchema },
        },
      },
      (req) => pairingInfo(deps, principalOf(req), deps.keys()),
    );

    app.put(
      '/upstream',
      {
        schema: {
          tags,
          summary: '与县级监督平台配对（首次配对时排入当前全部数据的快照）',
          body: pairBody,
          response: { 200: pairResult },
        },
      },
      (req) => pairUpstream(deps, principalOf(req), req.body),
    );

    app.get(
      '/upstream/status',
      {
        schema: {
          tags,
          summary: '推送状态：排队、已发送待确认、已确认、被拒收、最近一次发送',
          response: { 200: status },
        },
      },
      (req) => upstreamStatus(deps, principalOf(req)),
    );

    app.get(
      '/upstream/rejections',
      {
        schema: {
          tags,
          summary: '平台拒收的推送记录及理由（最新在前）',
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
          response: { 200: z.object({ items: z.array(rejection) }) },
        },
      },
      async (req) => ({ items: await upstreamRejections(deps, principalOf(req), req.query.limit) }),
    );

    app.get(
      '/upstream/rejections/export.xlsx',
      { config: { heavy: 'excel' }, schema: { tags, summary: '导出平台拒收的推送记录 Excel' } },
      async (req, reply) => {
        const items = await upstreamRejections(deps, principalOf(req));
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('推送拒收记录.xlsx'))
          .send(await exportRejections(items));
      },
    );
  };
}

/** `GET /county/push-key` beside the API: the agency's push verifier key, public (like `/log/key`). */
export function pushKeyRoutes(deps: { pushVerifierKey: () => string }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get(
      '/push-key',
      {
        schema: {
          tags: ['县级监督平台推送'],
          summary: '本机关的推送验证公钥（C2SP signed-note vkey，Ed25519）',
          security: [],
        },
      },
      async (_req, reply) =>
        reply
          .header('cache-control', 'public, max-age=300')
          .type('text/plain; charset=utf-8')
          .send(`${deps.pushVerifierKey()}\n`),
    );
  };
}
