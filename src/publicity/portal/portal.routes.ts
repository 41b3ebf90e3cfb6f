import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { lookupByCode, lookupBySha256 } from '../../platform/record-log/lookup.service.ts';
import type { SafeHtml } from './html.ts';
import { agencyPage } from './pages/agency.ts';
import { homePage } from './pages/home.ts';
import { notFoundPage } from './pages/not-found.ts';
import type { VerifyOutcome } from './pages/verify-result.ts';
import { verifyPage } from './pages/verify.ts';
import { publicAgencies, publicAgency } from './portal.service.ts';

/**
 * The public portal at `/` (issue 4 item 7): server-rendered HTML, no sign-in. Issue 4 adds the power
 * list, officers and publications as further pages here (and in `portalNav`, layout.ts).
 */
export interface PortalDeps {
  db: Db;
}

/** Our pages load only our own script and style; nothing may frame them. */
const CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; " +
  "form-action 'self'; frame-ancestors 'none'; object-src 'none'";

function sendPage(reply: FastifyReply, page: SafeHtml, status = 200, cache = 'public, max-age=60') {
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

    app.get('/', { schema: hide }, async (_req, reply) =>
      sendPage(reply, homePage(await publicAgencies(deps.db))),
    );

    app.get(
      '/agencies/:id',
      { schema: { ...hide, params: z.object({ id: z.string().max(64) }) } },
      async (req, reply) => {
        const agency = z.uuid().safeParse(req.params.id).success
          ? await publicAgency(deps.db, req.params.id)
          : undefined;
        return agency ? sendPage(reply, agencyPage(agency)) : sendPage(reply, notFoundPage(), 404);
      },
    );

    app.get(
      '/verify',
      { schema: { ...hide, querystring: z.object({ code: z.string().optional() }) } },
      async (req, reply) => {
        const query = (req.query.code ?? '').trim().slice(0, 80);
        const outcome = query ? await lookupOutcome(deps.db, query) : null;
        return sendPage(reply, verifyPage(query, outcome), 200, 'no-cache');
      },
    );
  };
}
