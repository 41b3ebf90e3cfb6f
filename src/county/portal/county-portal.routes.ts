import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { chinaDate, type Clock } from '../../platform/clock.ts';
import type { RateLimit } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { limitedBy } from '../../platform/http/rate-limit.ts';
import { attachment, XLSX_TYPE } from '../../platform/excel/cells.ts';
import * as s from './county-portal.schema.ts';
import {
  countyAgencies,
  countyAgency,
  countyOfficers,
  countyPower,
  countyPowers,
  countyPublication,
  countyPublications,
  searchCounty,
} from './county-portal.service.ts';
import { exportCountyPowers, exportCountyPublications } from './county-excel.service.ts';
import { verifyAtAgencies } from './county-verify.service.ts';

/**
 * The county portal's API under /api/v1/county-portal (issue 14 item 4): public, no sign-in, rate-limited
 * per client address as the portal's other lookups (`RATE_LIMIT_LOOKUPS`). Pages of the same at
 * /county-portal/ (county-pages.routes.ts).
 */
export interface CountyPortalDeps {
  db: Db;
  clock: Clock;
  lookupLimit: RateLimit;
  /** Per request to an agency when verifying; default 5 s (county-verify.service.ts). */
  verifyTimeoutMs?: number;
}

export function countyPortalRoutes(deps: CountyPortalDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['县级执法公示'];
    const common = { tags, security: [] };
    const config = limitedBy(deps.lookupLimit, 'lookup');
    const today = () => chinaDate(deps.clock.now());
    const agencyOf = async (id: string) => {
      const agency = await countyAgency(deps.db, id);
      if (!agency) throw new AppError('NOT_FOUND', { detail: '平台没有登记该执法机关' });
      return agency;
    };

    app.get(
      '/county-portal/agencies',
      { config, schema: { ...common, summary: '平台登记的执法机关', response: { 200: s.agenciesAnswer } } },
      async () => ({ items: await countyAgencies(deps.db) }),
    );
    app.get(
      '/county-portal/agencies/:id',
      {
        config,
        schema: {
          ...common,
          summary: '执法机关详情',
          params: s.agencyParams,
          response: { 200: s.countyAgency },
        },
      },
      async (req) => agencyOf(req.params.id),
    );
    app.get(
      '/county-portal/agencies/:id/powers',
      {
        config,
        schema: {
          ...common,
          summary: '执法机关的权责清单（推送的最新版本，已撤销的不列）',
          params: s.agencyParams,
          querystring: s.powersQuery,
          response: { 200: s.powersAnswer },
        },
      },
      async (req) => {
        const items = await countyPowers(deps.db, await agencyOf(req.params.id), req.query);
        return { items, total: items.length, on: today() };
      },
    );
    app.get(
      '/county-portal/agencies/:id/powers/export.xlsx',
      {
        config: { ...config, heavy: 'excel' },
        schema: {
          ...common,
          summary: '导出执法机关的权责清单 Excel',
          params: s.agencyParams,
          querystring: s.powersQuery,
        },
      },
      async (req, reply) => {
        const agency = await agencyOf(req.params.id);
        const items = await countyPowers(deps.db, agency, req.query);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(`${agency.name}权责清单.xlsx`))
          .send(await exportCountyPowers(items));
      },
    );
    app.get(
      '/county-portal/agencies/:id/powers/:itemId',
      {
        config,
        schema: {
          ...common,
          summary: '权责清单事项',
          params: s.itemParams,
          response: { 200: s.countyPower },
        },
      },
      async (req) => {
        const found = await countyPower(deps.db, await agencyOf(req.params.id), req.params.itemId);
        if (!found) throw new AppError('NOT_FOUND', { detail: '该机关的权责清单中没有这个事项' });
        return found;
      },
    );
    app.get(
      '/county-portal/agencies/:id/officers',
      {
        config,
        schema: {
          ...common,
          summary: '执法机关的持证执法人员（执法证状态为当日状态）',
          params: s.agencyParams,
          response: { 200: s.officersAnswer },
        },
      },
      async (req) => ({
        items: await countyOfficers(deps.db, await agencyOf(req.params.id), today()),
        on: today(),
      }),
    );
    app.get(
      '/county-portal/agencies/:id/publications',
      {
        config,
        schema: {
          ...common,
          summary: '执法机关的公示信息（公示期内、未撤回）',
          params: s.agencyParams,
          querystring: s.publicationsQuery,
          response: { 200: s.publicationsAnswer },
        },
      },
      async (req) => {
        const agency = await agencyOf(req.params.id);
        return countyPublications(deps.db, { ...req.query, agencyId: agency.id }, today());
      },
    );
    app.get(
      '/county-portal/agencies/:id/publications/export.xlsx',
      {
        config: { ...config, heavy: 'excel' },
        schema: {
          ...common,
          summary: '导出执法机关的公示信息 Excel',
          params: s.agencyParams,
          querystring: s.publicationsQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const agency = await agencyOf(req.params.id);
        const items = [];
        for (let page = 1; page <= 500; page++) {
          const got = await countyPublications(
            deps.db,
            { ...req.query, agencyId: agency.id, page, pageSize: 100 },
            today(),
          );
          items.push(...got.items);
          if (got.items.length < 100) break;
        }
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(`${agency.name}公示信息.xlsx`))
          .send(await exportCountyPublications(items));
      },
    );
    app.get(
      '/county-portal/agencies/:id/publications/:publicationId',
      {
        config,
        schema: {
          ...common,
          summary: '公示信息详情',
          params: s.publicationParams,
          response: { 200: s.countyPublication },
        },
      },
      async (req) => {
        const agency = await agencyOf(req.params.id);
        const found = await countyPublication(deps.db, agency, req.params.publicationId, today());
        if (!found) throw new AppError('NOT_FOUND', { detail: '没有这条公示信息，或已撤回、公示期已满' });
        return found;
      },
    );
    app.get(
      '/county-portal/search',
      {
        config,
        schema: {
          ...common,
          summary: '跨机关检索：公示信息（当事人、文号、标题）与权责清单事项（名称、编码）',
          querystring: s.searchQuery,
          response: { 200: s.searchAnswer },
        },
      },
      async (req) => {
        if (req.query.agencyId) await agencyOf(req.query.agencyId);
        return searchCounty(deps.db, req.query, today());
      },
    );
    app.get(
      '/county-portal/verify',
      {
        config,
        schema: {
          ...common,
          summary: '核验任一登记机关的核验码：向该机关取包含证明，与平台见证的检查点比对',
          querystring: s.verifyQuery,
          response: { 200: s.verifyAnswer },
        },
      },
      async (req, reply) =>
        reply
          .header('cache-control', 'no-store')
          .send(
            await verifyAtAgencies(
              { db: deps.db, ...(deps.verifyTimeoutMs ? { timeoutMs: deps.verifyTimeoutMs } : {}) },
              req.query,
            ),
          ),
    );
  };
}
