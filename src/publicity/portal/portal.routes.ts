import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { actionKinds } from '../../powers/action-kinds.ts';
import { publishedPowers } from '../../powers/power-list.queries.ts';
import { chinaDate, systemClock, type Clock } from '../../platform/clock.ts';
import type { RateLimit } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { limitedBy } from '../../platform/http/rate-limit.ts';
import { lookupByCode, lookupBySha256 } from '../../platform/record-log/lookup.service.ts';
import type { SafeHtml } from './html.ts';
import { guidesFlowchartsRoutes, publishedItem } from './guides-flowcharts.routes.ts';
import { ownAgency } from '../../platform/db/agency-scope.ts';
import { screenRoutes } from './screen.routes.ts';
import { agencyPage } from './pages/agency.ts';
import { homePage } from './pages/home.ts';
import { notFoundPage } from './pages/not-found.ts';
import {
  agencyIndexPage,
  certificateCard,
  certificateLookupForm,
  certificateNotFoundPage,
  certificatePage,
  officersPage,
} from './pages/officers.ts';
import { powerPage, powersPage } from './pages/powers.ts';
import { publicCertificate, publicOfficers } from './officers.service.ts';
import type { VerifyOutcome } from './pages/verify-result.ts';
import { verifyPage } from './pages/verify.ts';
import { publicAgencies, publicAgency } from './portal.service.ts';

/**
 * The public portal at `/` (issue 4 item 7): server-rendered HTML, no sign-in. Issue 4 adds the power
 * list, officers and publications as further pages here (and in `portalNav`, layout.ts).
 */
export interface PortalDeps {
  db: Db;
  clock?: Clock;
  /** The lookups (certificate pages, verification codes, power search), per client address. */
  lookupLimit: RateLimit;
  /** Another home page, where the instance has one (the county platform's: src/county/portal/); null: ours. */
  home?: () => Promise<SafeHtml | null>;
}

/** Search takes any characters; long queries are cut to this length. */
export const MAX_QUERY = 50;

const HOST = /^[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$/;
const CERT_NUMBER = /^[A-Za-z0-9-]{1,40}$/;

/** Our pages load only our own script and style; nothing may frame them. */
const CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; " +
  "form-action 'self'; frame-ancestors 'none'; object-src 'none'";

export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200, cache = 'public, max-age=60') {
  return reply
    .status(status)
    .header('cache-control', cache)
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .type('text/html; charset=utf-8')
    .send(page.value);
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** The server's answer for a code (or a SHA-256) submitted without JavaScript. */
async function lookupOutcome(db: Db, query: string): Promise<VerifyOutcome> {
  try {
    const found = HEX_SHA256.test(query)
      ? await lookupBySha256(db, query.toLowerCase())
      : await lookupByCode(db, query);
    return {
      status: 'verified',
      by: 'server',
      index: found.index,
      code: found.code,
      time: found.entry.time,
      agencyName: found.agencyName,
      kind: found.entry.kind,
      size: found.size,
      ...(found.entry.fileSha256 ? { fileSha256: found.entry.fileSha256 } : {}),
    };
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND')
      return { status: 'not-found', message: err.detail ?? err.title };
    if (err instanceof AppError && err.code === 'VALIDATION_FAILED')
      return { status: 'invalid', message: err.detail ?? err.title };
    throw err;
  }
}

export function portalRoutes(deps: PortalDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const hide = { hide: true };
    const today = () => chinaDate((deps.clock ?? systemClock).now());
    const findAgency = async (id: string) =>
      z.uuid().safeParse(id).success ? publicAgency(deps.db, id) : undefined;
    const findCertificate = async (number: string) =>
      CERT_NUMBER.test(number) ? publicCertificate(deps.db, number, today()) : undefined;
    const idParams = z.object({ id: z.string().max(64) });
    const numberParams = z.object({ number: z.string().max(64) });
    const lookup = limitedBy(deps.lookupLimit, 'lookup');

    await app.register(guidesFlowchartsRoutes(deps, sendPage));
    await app.register(screenRoutes(deps));

    app.get('/', { schema: hide }, async (_req, reply) =>
      sendPage(reply, (await deps.home?.()) ?? homePage(await publicAgencies(deps.db))),
    );

    app.get(
      '/agencies/:id',
      { schema: { ...hide, params: z.object({ id: z.string().max(64) }) } },
      async (req, reply) => {
        const agency = await findAgency(req.params.id);
        return agency ? sendPage(reply, agencyPage(agency)) : sendPage(reply, notFoundPage(), 404);
      },
    );

    app.get('/powers', { schema: hide }, async (_req, reply) =>
      sendPage(
        reply,
        agencyIndexPage(
          '权责清单',
          '/powers',
          (await publicAgencies(deps.db)).filter((a) => a.kind === 'enforcement'),
          'powers',
        ),
      ),
    );

    app.get(
      '/agencies/:id/powers',
      {
        schema: {
          ...hide,
          params: idParams,
          querystring: z.object({ q: z.string().optional(), kind: z.string().optional() }),
        },
        config: lookup,
      },
      async (req, reply) => {
        const agency = await findAgency(req.params.id);
        if (!agency) return sendPage(reply, notFoundPage(), 404);
        const q = (req.query.q ?? '').trim().slice(0, MAX_QUERY);
        const kind = actionKinds.find((k) => k === req.query.kind);
        const on = today();
        const { items, total } = await publishedPowers(deps.db, ownAgency(agency.id), on, {
          ...(q ? { q } : {}),
          ...(kind ? { kind } : {}),
          page: 1,
          pageSize: 200,
        });
        return sendPage(reply, powersPage(agency, { q, kind }, items, total, on));
      },
    );

    app.get(
      '/agencies/:id/powers/:itemId',
      { schema: { ...hide, params: z.object({ id: z.string().max(64), itemId: z.string().max(64) }) } },
      async (req, reply) => {
        const agency = await findAgency(req.params.id);
        const itemId = req.params.itemId;
        const found = agency ? await publishedItem(deps.db, agency.id, itemId, today()) : undefined;
        return agency && found
          ? sendPage(reply, powerPage(agency, found))
          : sendPage(reply, notFoundPage(), 404);
      },
    );

    app.get('/officers', { schema: hide }, async (_req, reply) =>
      sendPage(
        reply,
        agencyIndexPage(
          '执法人员',
          '/officers',
          (await publicAgencies(deps.db)).filter((a) => a.kind === 'enforcement'),
          'officers',
          certificateLookupForm(),
        ),
      ),
    );

    app.get('/agencies/:id/officers', { schema: { ...hide, params: idParams } }, async (req, reply) => {
      const agency = await findAgency(req.params.id);
      if (!agency) return sendPage(reply, notFoundPage(), 404);
      const on = today();
      return sendPage(reply, officersPage(agency, await publicOfficers(deps.db, agency.id, on), on));
    });

    /** The lookup form without JavaScript: a number goes to its page. */
    app.get(
      '/certificates',
      { schema: { ...hide, querystring: z.object({ number: z.string().optional() }) }, config: lookup },
      async (req, reply) => {
        const number = (req.query.number ?? '').trim().slice(0, 64);
        if (!number) return reply.redirect('/officers', 303);
        return reply.redirect(`/certificates/${encodeURIComponent(number)}`, 303);
      },
    );

    // A certificate's state changes with the day, so its pages are never cached for long.
    app.get(
      '/certificates/:number',
      { schema: { ...hide, params: numberParams }, config: lookup },
      async (req, reply) => {
        const cert = await findCertificate(req.params.number);
        return cert
          ? sendPage(reply, certificatePage(cert, today()), 200, 'no-cache')
          : sendPage(reply, certificateNotFoundPage(req.params.number), 404);
      },
    );

    app.get(
      '/certificates/:number/card',
      { schema: { ...hide, params: numberParams }, config: lookup },
      async (req, reply) => {
        const cert = await findCertificate(req.params.number);
        if (!cert) return sendPage(reply, certificateNotFoundPage(req.params.number), 404);
        const host = HOST.test(req.headers.host ?? '') ? req.headers.host! : 'localhost';
        const url = `${req.protocol}://${host}/certificates/${encodeURIComponent(cert.number)}`;
        const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
        return sendPage(reply, certificateCard(cert, url, svg), 200, 'no-cache');
      },
    );

    app.get(
      '/verify',
      { schema: { ...hide, querystring: z.object({ code: z.string().optional() }) }, config: lookup },
      async (req, reply) => {
        const query = (req.query.code ?? '').trim().slice(0, 80);
        const outcome = query ? await lookupOutcome(deps.db, query) : null;
        return sendPage(reply, verifyPage(query, outcome), 200, 'no-cache');
      },
    );
  };
}
