import fastifyRateLimit, { normalizeIP, type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import type { RateLimit } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { countRequest } from './rate-limit.store.ts';

/**
 * Limits per client address (issue 10 item 5; security sweep H3) with `@fastify/rate-limit`, its counters
 * in the database (`rate_limit_counters`, migration 0013) so that they hold across every instance serving
 * one database. A route opts in with `config: limitedBy(limit, name)`; routes sharing a name share one
 * count per address (the portal's correction form and the API's, say). The check runs at `onRequest`,
 * before the body is read or a password hashed. Over the limit: 429 problem+json with `Retry-After`.
 */

export { countRequest } from './rate-limit.store.ts';

/** The plugin's store interface over `countRequest`, on the app's clock (tests move it). */
function databaseStore(db: Db, clock: Clock) {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const now = clock.now();
      countRequest(db, key, now, timeWindow).then(
        ({ hits, windowStartedAt }) =>
          callback(null, {
            current: hits,
            ttl: Math.max(0, windowStartedAt.getTime() + timeWindow - now.getTime()),
          }),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }
    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

/** Registers the plugin (no global limit: only the routes that opt in). Before any route is added. */
export async function registerRateLimits(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock },
): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    store: databaseStore(deps.db, deps.clock),
    // Every 429 leaves as problem+json in Chinese (the plugin has already set Retry-After).
    errorResponseBuilder: (_req, context) =>
      new AppError('RATE_LIMITED', {
        detail: `同一来源的请求过于频繁，请 ${Math.max(1, Math.ceil(context.ttl / 1000))} 秒后再试`,
      }),
  });
}

/** A route's config: at most `limit` requests per client address, counted under `name`. */
export function limitedBy(limit: RateLimit, name: string): FastifyContextConfig {
  return {
    rateLimit: {
      max: limit.max,
      timeWindow: limit.windowMs,
      // An IPv6 client is its /56 (one subscriber's prefix), as the plugin does by default.
      keyGenerator: (req: FastifyRequest) => `${name}:${normalizeIP(req.ip)}`,
    },
  };
}
