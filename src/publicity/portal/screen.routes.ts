import type { FastifyInstance } from 'fastify';
import { chinaDate, systemClock } from '../../platform/clock.ts';
import { formatBeijingTime } from './format.ts';
import { screenPage, SCREEN_REFRESH } from './pages/screen.ts';
import { sendPage, type PortalDeps } from './portal.routes.ts';
import { screenData } from './screen.service.ts';

/** GET /screen: the service hall's large screen (server-rendered, refreshes itself). */
export function screenRoutes(deps: PortalDeps) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get('/screen', { schema: { hide: true } }, async (_req, reply) => {
      const now = (deps.clock ?? systemClock).now();
      const data = await screenData(deps.db, chinaDate(now));
      return sendPage(
        reply,
        screenPage(data, formatBeijingTime(now.toISOString())),
        200,
        `public, max-age=${SCREEN_REFRESH / 2}`,
      );
    });
  };
}
