import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionKinds } from '../../powers/action-kinds.ts';
import { isIsoDate } from '../../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { limitedBy } from '../../platform/http/rate-limit.ts';
import { actionKindLabels } from '../../powers/action-kinds.ts';
import { correctionInput } from '../publications.schema.ts';
import { requestCorrection, type PublicRouteDeps } from '../correction-requests.service.ts';
import { parseReceiptNumber } from '../receipt-number.rules.ts';
import { lookupCorrection } from './correction-lookup.service.ts';
import { escapeHtml } from './html.ts';
import { PORTAL_NAME } from './layout.ts';
import { correctionLookupPage } from './pages/correction-lookup.ts';
import { notFoundPage } from './pages/not-found.ts';
import {
  endedPage,
  publicationPage,
  publicationsPage,
  type CorrectionFormState,
} from './pages/publications.ts';
import { MAX_QUERY, sendPage } from './portal.routes.ts';
import {
  feedEntries,
  publicPublication,
  searchPublications,
  type FeedEntry,
} from './publications-portal.service.ts';

/**
 * The portal's publications (issue 4 item 7): search, one page per publication with its correction form
 * (a plain HTML form; only the anti-robot check needs JavaScript), and JSON and Atom feeds of publications
 * and withdrawals. Search takes any characters; each field is cut to MAX_QUERY.
 */
const cut = (v: string | undefined) => (v ?? '').trim().slice(0, MAX_QUERY);

const dateLabels = { from: '决定日期从', to: '决定日期至' } as const;

/** The search's dates: a date that is not a real YYYY-MM-DD is refused, never silently dropped. */
function searchDates(query: { from?: string | undefined; to?: string | undefined }) {
  const from = cut(query.from) || undefined;
  const to = cut(query.to) || undefined;
  const errors = (['from', 'to'] as const)
    .filter((k) => {
      const v = k === 'from' ? from : to;
      return v !== undefined && !isIsoDate(v);
    })
    .map((k) => ({
      path: `querystring.${k}`,
      message: `${dateLabels[k]}：请填写有效日期，格式为 YYYY-MM-DD（如 2026-11-20）`,
    }));
  if (errors.length === 0 && from && to && from > to)
    errors.push({ path: 'querystring.to', message: '决定日期至不能早于决定日期从' });
  return { from, to, errors };
}

/** A client asking for JSON (not a browser asking for a page) gets problem+json. */
const wantsJson = (req: FastifyRequest) =>
  /application\/(problem\+)?json/.test(req.headers.accept ?? '') &&
  !/text\/html/.test(req.headers.accept ?? '');

function origin(req: FastifyRequest): string {
  const host = /^[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$/.test(req.headers.host ?? '')
    ? req.headers.host!
    : 'localhost';
  return `${req.protocol}://${host}`;
}

function feedTitle(e: FeedEntry): string {
  return e.type === 'withdrawn' ? `【撤回】${e.title}` : e.title;
}

function feedText(e: FeedEntry): string {
  return e.type === 'withdrawn'
    ? `${e.agencyName} 撤回 ${e.documentNumber}（${e.partyName}）。撤回理由：${e.withdrawalReason ?? ''}`
    : `${e.agencyName} ${actionKindLabels[e.kind]}决定 ${e.documentNumber}，当事人 ${e.partyName}。${e.summary}`;
}

function atomFeed(base: string, entries: readonly FeedEntry[]): string {
  const x = escapeHtml;
  const updated = (entries[0]?.at ?? new Date(0)).toISOString();
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>${x(PORTAL_NAME)} 行政执法决定公示</title>
<id>${x(base)}/publications</id>
<link rel="self" href="${x(base)}/publications/feed.atom"/>
<link href="${x(base)}/publications"/>
<updated>${updated}</updated>
${entries
  .map(
    (e) => `<entry>
<title>${x(feedTitle(e))}</title>
<id>${x(base)}/publications/${e.id}#${e.type}</id>
<link href="${x(base)}/publications/${e.id}"/>
<updated>${e.at.toISOString()}</updated>
<author><name>${x(e.agencyName)}</name></author>
<category term="${e.type}"/>
<summary>${x(feedText(e))}</summary>
</entry>`,
  )
  .join('\n')}
</feed>
`;
}

function jsonFeed(base: string, entries: readonly FeedEntry[]) {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: `${PORTAL_NAME} 行政执法决定公示`,
    home_page_url: `${base}/publications`,
    feed_url: `${base}/publications/feed.json`,
    language: 'zh-CN',
    items: entries.map((e) => ({
      id: `${base}/publications/${e.id}#${e.type}`,
      url: `${base}/publications/${e.id}`,
      title: feedTitle(e),
      content_text: feedText(e),
      date_published: e.at.toISOString(),
      authors: [{ name: e.agencyName }],
      tags: [e.type === 'withdrawn' ? '撤回' : '公示', actionKindLabels[e.kind]],
      _sanxiang: {
        type: e.type,
        kind: e.kind,
        documentNumber: e.documentNumber,
        partyName: e.partyName,
        withdrawalReason: e.withdrawalReason,
      },
    })),
  };
}

export function publicationsPortalRoutes(deps: PublicRouteDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const hide = { hide: true };
    const today = () => chinaDate(deps.clock.now());
    // The correction form posts as a plain HTML form (no JavaScript needed to send it).
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    const findPublic = async (id: string) =>
      z.uuid().safeParse(id).success ? publicPublication(deps.db, id, today()) : undefined;

    app.get(
      '/publications',
      {
        schema: {
          ...hide,
          querystring: z.object({
            q: z.string().optional(),
            creditCode: z.string().optional(),
            documentNumber: z.string().optional(),
            kind: z.string().optional(),
            from: z.string().optional(),
            to: z.string().optional(),
            page: z.string().optional(),
          }),
        },
        config: limitedBy(deps.limits.lookups, 'lookup'),
      },
      async (req, reply) => {
        const page = Math.min(Math.max(1, Number.parseInt(req.query.page ?? '1', 10) || 1), 500);
        const dates = searchDates(req.query);
        const search = {
          q: cut(req.query.q),
          creditCode: cut(req.query.creditCode),
          documentNumber: cut(req.query.documentNumber),
          kind: actionKinds.find((k) => k === req.query.kind),
          from: dates.from,
          to: dates.to,
          page,
        };
        if (dates.errors.length > 0) {
          if (wantsJson(req)) throw new AppError('VALIDATION_FAILED', { errors: dates.errors });
          return sendPage(reply, publicationsPage(search, [], 0, dates.errors), 400);
        }
        const { items, total } = await searchPublications(deps.db, search, today());
        return sendPage(reply, publicationsPage(search, items, total));
      },
    );

    app.get('/publications/feed.json', { schema: hide }, async (req, reply) =>
      reply
        .header('cache-control', 'public, max-age=300')
        .type('application/feed+json; charset=utf-8')
        .send(jsonFeed(origin(req), await feedEntries(deps.db, today()))),
    );

    app.get('/publications/feed.atom', { schema: hide }, async (req, reply) =>
      reply
        .header('cache-control', 'public, max-age=300')
        .type('application/atom+xml; charset=utf-8')
        .send(atomFeed(origin(req), await feedEntries(deps.db, today()))),
    );

    const show = async (reply: FastifyReply, id: string, form?: CorrectionFormState, status = 200) => {
      const p = await findPublic(id);
      if (!p) return sendPage(reply, notFoundPage(), 404);
      if (p.visibility === 'none') return sendPage(reply, endedPage(p), 410);
      // The page carries the verification code once the log has it: not cached for long.
      return sendPage(reply, publicationPage(p, form), status, 'no-cache');
    };

    app.get(
      '/publications/:id',
      { schema: { ...hide, params: z.object({ id: z.string().max(64) }) } },
      (req, reply) => show(reply, req.params.id),
    );

    app.get(
      '/corrections',
      {
        schema: {
          ...hide,
          querystring: z.object({ number: z.string().optional(), contact: z.string().optional() }),
        },
        config: limitedBy(deps.limits.lookups, 'lookup'),
      },
      async (req, reply) => {
        const state = { number: cut(req.query.number), contact: cut(req.query.contact) };
        if (!state.number && !state.contact)
          return sendPage(reply, correctionLookupPage(state), 200, 'no-store');
        const number = parseReceiptNumber(state.number);
        if (!number || !state.contact) {
          const error = !number
            ? '受理编号格式应为 GZ-年份-六位数字，例如 GZ-2026-000123。'
            : '请填写联系方式。';
          return sendPage(reply, correctionLookupPage({ ...state, error }), 400, 'no-store');
        }
        const found = await lookupCorrection(deps.db, number, state.contact);
        // What a requester reads of their own request is no one else's to cache.
        return sendPage(
          reply,
          correctionLookupPage({ ...state, found }),
          found.length > 0 ? 200 : 404,
          'no-store',
        );
      },
    );

    app.post(
      '/publications/:id/correction',
      {
        schema: { ...hide, params: z.object({ id: z.string().max(64) }) },
        config: limitedBy(deps.limits.corrections, 'correction'),
      },
      async (req, reply) => {
        const raw = (req.body ?? {}) as Record<string, unknown>;
        const str = (k: string) => (typeof raw[k] === 'string' ? raw[k] : '');
        const state = {
          name: str('name').slice(0, 100),
          contact: str('contact').slice(0, 100),
          content: str('content').slice(0, 2000),
          errors: [] as { path: string; message: string }[],
        };
        if (!z.uuid().safeParse(req.params.id).success) return sendPage(reply, notFoundPage(), 404);
        const { name, contact, content } = state;
        const parsed = correctionInput.safeParse({ name, contact, content, altcha: str('altcha') });
        if (!parsed.success) {
          const errors = parsed.error.issues.map((i) => ({
            path: ['body', ...i.path].join('.'),
            message: i.message,
          }));
          return show(reply, req.params.id, { ...state, errors }, 400);
        }
        try {
          const received = await requestCorrection(deps, req.params.id, parsed.data, req.ip);
          return await show(reply, req.params.id, { ...state, errors: [], received });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          if (err.code === 'NOT_FOUND') return sendPage(reply, notFoundPage(), 404);
          const errors =
            err.errors.length > 0 ? err.errors : [{ path: 'body', message: err.detail ?? err.title }];
          return show(reply, req.params.id, { ...state, errors }, err.status);
        }
      },
    );
  };
}
