import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { lifecycleKinds, lifecycles } from '../../cases/lifecycles/index.ts';
import { publishedItem as publishedItemOf } from '../../powers/power-list.queries.ts';
import { ownAgency } from '../../platform/db/agency-scope.ts';
import type { PublishedPower } from '../../powers/power-list.schema.ts';
import { currentGuide } from '../../powers/service-guide.service.ts';
import { chinaDate, systemClock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { SafeHtml } from './html.ts';
import { flowchartPage, flowchartsPage } from './pages/flowcharts.ts';
import { notFoundPage } from './pages/not-found.ts';
import { serviceGuidePage } from './pages/service-guide.ts';
import type { PortalDeps } from './portal.routes.ts';
import { publicAgency, type PublicAgency } from './portal.service.ts';

/** The published item (the version in force today) of an agency, or undefined. */
export async function publishedItem(
  db: Db,
  agencyId: string,
  itemId: string,
  on: string,
): Promise<PublishedPower | undefined> {
  if (!z.uuid().safeParse(itemId).success) return undefined;
  return publishedItemOf(db, ownAgency(agencyId), itemId, on);
}

/**
 * The portal's flowcharts (执法流程图) and service guides (服务指南), S-2.2. Flowcharts are drawn from the
 * lifecycles in code, so they change only with a release: cached for an hour.
 */
export function guidesFlowchartsRoutes(
  deps: PortalDeps,
  sendPage: (reply: FastifyReply, page: SafeHtml, status?: number, cache?: string) => FastifyReply,
) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const hide = { hide: true };
    const today = () => chinaDate((deps.clock ?? systemClock).now());
    const hour = 'public, max-age=3600';
    const all = lifecycleKinds.map((k) => lifecycles[k]);

    app.get('/flowcharts', { schema: hide }, async (_req, reply) =>
      sendPage(reply, flowchartsPage(all), 200, hour),
    );

    app.get(
      '/flowcharts/:kind',
      { schema: { ...hide, params: z.object({ kind: z.string().max(40) }) } },
      async (req, reply) => {
        const kind = lifecycleKinds.find((k) => k === req.params.kind);
        return kind
          ? sendPage(reply, flowchartPage(lifecycles[kind]), 200, hour)
          : sendPage(reply, notFoundPage(), 404);
      },
    );

    app.get(
      '/agencies/:id/powers/:itemId/guide',
      { schema: { ...hide, params: z.object({ id: z.string().max(64), itemId: z.string().max(64) }) } },
      async (req, reply) => {
        const agency: PublicAgency | undefined = z.uuid().safeParse(req.params.id).success
          ? await publicAgency(deps.db, req.params.id)
          : undefined;
        const item = agency ? await publishedItem(deps.db, agency.id, req.params.itemId, today()) : undefined;
        if (!agency || !item) return sendPage(reply, notFoundPage(), 404);
        const { guide } = await currentGuide(deps.db, ownAgency(agency.id), item.itemId);
        return sendPage(reply, serviceGuidePage(agency, item, guide));
      },
    );
  };
}
