import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionKinds } from '../../powers/action-kinds.ts';
import { chinaDate, type Clock } from '../../platform/clock.ts';
import type { RateLimit } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { limitedBy } from '../../platform/http/rate-limit.ts';
import type { SafeHtml } from '../../publicity/portal/html.ts';
import { notFoundPage } from '../../publicity/portal/pages/not-found.ts';
import { powerPage, powersPage } from '../../publicity/portal/pages/powers.ts';
import { MAX_QUERY, sendPage } from '../../publicity/portal/portal.routes.ts';
import { searchWhat } from './county-portal.schema.ts';
import {
  countyAgencies,
  countyAgency,
  countyOfficers,
  countyPower,
  countyPowers,
  countyPublication,
  countyPublications,
  hasCountyAgencies,
  searchCounty,
} from './county-portal.service.ts';
import { verifyAtAgencies } from './county-verify.service.ts';
import { countyAgencyPage, countyOfficersPage, itemFlowcharts } from './pages/agency.ts';
import { countyAgenciesPage, countyHomePage } from './pages/home.ts';
import { COUNTY, asPublicAgency, countyPlace } from './pages/place.ts';
import { countyPublicationPage, countyPublicationsPage } from './pages/publications.ts';
import { countySearchPage } from './pages/search.ts';
import { countyVerifyPage, type CountyVerifyOutcome } from './pages/verify.ts';

/**
 * The county portal's pages (issue 14 item 4; docs/county.md "The county portal"): server-rendered like the
 * agency's portal (src/publicity/portal/), with its page frame and its power-list pages, under
 * /county-portal/. An instance is a county platform when it has registered agencies: its home is then
 * 全县行政执法公示 (`countyHome`, given to the portal's `/`).
 */
export interface CountyPagesDeps {
  db: Db;
  clock: Clock;
  lookupLimit: RateLimit;
  verifyTimeoutMs?: number;
}

/** The county's home, or null when this instance registers no agency (then the agency's portal is home). */
export async function countyHome(deps: { db: Db; clock: Clock }): Promise<SafeHtml | null> {
  if (!(await hasCountyAgencies(deps.db))) return null;
  return countyHomePage(await countyAgencies(deps.db));
}

const cut = (v: string | undefined) => (v ?? '').trim().slice(0, MAX_QUERY);
const pageOf = (v: string | undefined) => Math.min(Math.max(1, Number.parseInt(v ?? '1', 10) || 1), 500);
const isUuid = (v: string | undefined): v is string => v !== undefined && z.uuid().safeParse(v).success;

export function countyPagesRoutes(deps: CountyPagesDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const hide = { hide: true };
    const config = limitedBy(deps.lookupLimit, 'lookup');
    const today = () => chinaDate(deps.clock.now());
    const idParams = z.object({ id: z.string().max(64) });
    const findAgency = async (id: string) => (isUuid(id) ? countyAgency(deps.db, id) : undefined);

    app.get(`${COUNTY}`, { schema: hide }, async (_req, reply) => reply.redirect('/', 302));

    app.get(`${COUNTY}/agencies`, { schema: hide }, async (_req, reply) =>
      sendPage(reply, countyAgenciesPage(await countyAgencies(deps.db))),
    );

    app.get(`${COUNTY}/agencies/:id`, { schema: { ...hide, params: idParams } }, async (req, reply) => {
      const a = await findAgency(req.params.id);
      if (!a) return sendPage(reply, notFoundPage(), 404);
      const on = today();
      const [powers, officers, publications] = await Promise.all([
        countyPowers(deps.db, a),
        countyOfficers(deps.db, a, on),
        countyPublications(deps.db, { agencyId: a.id, page: 1, pageSize: 1 }, on),
      ]);
      return sendPage(
        reply,
        countyAgencyPage(a, {
          powers: powers.length,
          officers: officers.length,
          publications: publications.total,
        }),
      );
    });

    app.get(
      `${COUNTY}/agencies/:id/powers`,
      {
        schema: {
          ...hide,
          params: idParams,
          querystring: z.object({ q: z.string().optional(), kind: z.string().optional() }),
        },
        config,
      },
      async (req, reply) => {
        const a = await findAgency(req.params.id);
        if (!a) return sendPage(reply, notFoundPage(), 404);
        const q = cut(req.query.q);
        const kind = actionKinds.find((k) => k === req.query.kind);
        const items = await countyPowers(deps.db, a, { q, kind });
        const params = new URLSearchParams({ ...(q ? { q } : {}), ...(kind ? { kind } : {}) }).toString();
        const exportLink = `/api/v1${COUNTY}/agencies/${a.id}/powers/export.xlsx${params ? `?${params}` : ''}`;
        return sendPage(
          reply,
          powersPage(
            asPublicAgency(a),
            { q, kind },
            items,
            items.length,
            today(),
            countyPlace(a),
            exportLink,
          ),
        );
      },
    );

    app.get(
      `${COUNTY}/agencies/:id/powers/:itemId`,
      { schema: { ...hide, params: z.object({ id: z.string().max(64), itemId: z.string().max(64) }) } },
      async (req, reply) => {
        const a = await findAgency(req.params.id);
        const p =
          a && isUuid(req.params.itemId) ? await countyPower(deps.db, a, req.params.itemId) : undefined;
        if (!a || !p) return sendPage(reply, notFoundPage(), 404);
        return sendPage(reply, powerPage(asPublicAgency(a), p, countyPlace(a, itemFlowcharts(p))));
      },
    );

    app.get(
      `${COUNTY}/agencies/:id/officers`,
      { schema: { ...hide, params: idParams } },
      async (req, reply) => {
        const a = await findAgency(req.params.id);
        if (!a) return sendPage(reply, notFoundPage(), 404);
        const on = today();
        return sendPage(reply, countyOfficersPage(a, await countyOfficers(deps.db, a, on), on));
      },
    );

    app.get(
      `${COUNTY}/agencies/:id/publications`,
      {
        schema: { ...hide, params: idParams, querystring: z.object({ page: z.string().optional() }) },
        config,
      },
      async (req, reply) => {
        const a = await findAgency(req.params.id);
        if (!a) return sendPage(reply, notFoundPage(), 404);
        const found = await countyPublications(
          deps.db,
          { agencyId: a.id, page: pageOf(req.query.page), pageSize: 20 },
          today(),
        );
        return sendPage(reply, countyPublicationsPage(a, found));
      },
    );

    app.get(
      `${COUNTY}/agencies/:id/publications/:publicationId`,
      {
        schema: { ...hide, params: z.object({ id: z.string().max(64), publicationId: z.string().max(64) }) },
      },
      async (req, reply) => {
        const a = await findAgency(req.params.id);
        const p =
          a && isUuid(req.params.publicationId)
            ? await countyPublication(deps.db, a, req.params.publicationId, today())
            : undefined;
        if (!a || !p) return sendPage(reply, notFoundPage(), 404);
        return sendPage(reply, countyPublicationPage(a, p), 200, 'no-cache');
      },
    );

    app.get(
      `${COUNTY}/search`,
      {
        schema: {
          ...hide,
          querystring: z.object({
            q: z.string().optional(),
            agencyId: z.string().optional(),
            kind: z.string().optional(),
            what: z.string().optional(),
            page: z.string().optional(),
          }),
        },
        config,
      },
      async (req, reply) => {
        const agencies = await countyAgencies(deps.db);
        const state = {
          q: cut(req.query.q),
          agencyId: agencies.find((a) => a.id === req.query.agencyId)?.id,
          kind: actionKinds.find((k) => k === req.query.kind),
          what: searchWhat.find((w) => w === req.query.what) ?? 'all',
          page: pageOf(req.query.page),
        };
        const found = await searchCounty(deps.db, { ...state, pageSize: 20 }, today());
        return sendPage(reply, countySearchPage(agencies, state, found));
      },
    );

    app.get(
      `${COUNTY}/verify`,
      {
        schema: {
          ...hide,
          querystring: z.object({ code: z.string().optional(), agencyId: z.string().optional() }),
        },
        config,
      },
      async (req, reply) => {
        const agencies = await countyAgencies(deps.db);
        const code = (req.query.code ?? '').trim().slice(0, 80);
        const agencyId = agencies.find((a) => a.id === req.query.agencyId)?.id;
        let outcome: CountyVerifyOutcome | null = null;
        if (code) {
          const sha256 = /^[0-9a-fA-F]{64}$/.test(code) ? code.toLowerCase() : undefined;
          try {
            outcome = await verifyAtAgencies(
              { db: deps.db, ...(deps.verifyTimeoutMs ? { timeoutMs: deps.verifyTimeoutMs } : {}) },
              { ...(sha256 ? { sha256 } : { code }), agencyId },
            );
          } catch (err) {
            if (!(err instanceof AppError) || err.status >= 500) throw err;
            outcome = { status: 'invalid', message: err.detail ?? err.title };
          }
        }
        return sendPage(reply, countyVerifyPage(agencies, { code, agencyId }, outcome), 200, 'no-store');
      },
    );
  };
}
