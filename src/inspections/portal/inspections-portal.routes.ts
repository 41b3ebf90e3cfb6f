import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { chinaDateTime } from '../../platform/china-date.ts';
import type { Clock } from '../../platform/clock.ts';
import type { RateLimit } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { limitedBy } from '../../platform/http/rate-limit.ts';
import { notFoundPage } from '../../publicity/portal/pages/not-found.ts';
import { sendPage } from '../../publicity/portal/portal.routes.ts';
import { publicAgencies } from '../../publicity/portal/portal.service.ts';
import { publishedDrawFile, publishedDraws } from '../draws.queries.ts';
import { publishedPlans } from '../plans.service.ts';
import { publishedResults } from '../results.service.ts';
import { drawHolders } from './inspections-portal.service.ts';
import { drawPage, drawsPage, inspectionsPage, type DrawListItem } from './inspection-pages.ts';

/**
 * The portal's random inspection (一公开; issue 15 item 4): public, no sign-in, rate-limited as the other
 * lookups. `/inspections` (plans and draws), `/inspections/draws` (every draw), `/inspections/draws/{id}`
 * (a draw's selection) and `/inspections/draws/{id}.json` (the draw file `sanxiang verify-draw` re-runs).
 */
export interface InspectionsPortalDeps {
  db: Db;
  clock: Clock;
  lookupLimit: RateLimit;
}

const drawFile = z.object({
  file: z.string().regex(/^[0-9a-f-]{36}(\.json)?$/, '抽取编号格式不正确'),
});

export function inspectionsPortalRoutes(deps: InspectionsPortalDeps) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const config = limitedBy(deps.lookupLimit, 'lookup');
    const hide = { hide: true };
    const agencies = async () => (await publicAgencies(deps.db)).filter((a) => a.kind === 'enforcement');
    const draws = async (): Promise<DrawListItem[]> => {
      const list = await agencies();
      const names = new Map(list.map((a) => [a.id, a.name]));
      return (
        await publishedDraws(
          deps.db,
          list.map((a) => a.id),
        )
      ).map((d) => ({
        ...d,
        agencyName: names.get(d.agencyId) ?? '',
        committedAt: chinaDateTime(new Date(d.committedAt)),
        drawnAt: chinaDateTime(new Date(d.drawnAt)),
      }));
    };

    app.get('/inspections', { config, schema: hide }, async (_req, reply) => {
      const list = await agencies();
      const plans = [];
      for (const a of list) {
        for (const plan of await publishedPlans(deps.db, a.id, deps.clock.now()))
          plans.push({ ...plan, agencyName: a.name });
      }
      const results = await publishedResults(
        deps.db,
        list.map((a) => a.id),
      );
      return sendPage(reply, inspectionsPage(plans, await draws(), results));
    });

    app.get('/inspections/draws', { config, schema: hide }, async (_req, reply) =>
      sendPage(reply, drawsPage(await draws())),
    );

    app.get(
      '/inspections/draws/:file',
      { config, schema: { ...hide, params: drawFile } },
      async (req, reply) => {
        const { file } = req.params as z.infer<typeof drawFile>;
        const id = file.replace(/\.json$/, '');
        const item = (await draws()).find((d) => d.id === id);
        if (!item) {
          if (file.endsWith('.json')) throw new AppError('NOT_FOUND', { detail: '没有该次抽取' });
          return sendPage(reply, notFoundPage(), 404);
        }
        const list = await agencies();
        const drawn = await publishedDrawFile(
          deps.db,
          list.map((a) => a.id),
          id,
        );
        if (file.endsWith('.json')) {
          return reply
            .header('cache-control', 'public, max-age=300')
            .header('content-disposition', `attachment; filename="${id}.json"`)
            .type('application/json; charset=utf-8')
            .send(`${JSON.stringify(drawn, null, 2)}\n`);
        }
        const holders = await drawHolders(deps.db, item, drawn);
        return sendPage(
          reply,
          drawPage(
            list.find((a) => a.id === item.agencyId),
            item,
            drawn,
            holders.targets,
            holders.inspectors,
          ),
        );
      },
    );
  };
}
