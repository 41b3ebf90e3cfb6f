import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** The rate limits' counters (migration 0013; instance-wide, no agency): the only SQL of rate-limit.ts. */

/** Counts one request for `key` in its fixed window, atomically: parallel requests on any instance each count. */
export async function countRequest(
  db: Db,
  key: string,
  now: Date,
  windowMs: number,
): Promise<{ hits: number; windowStartedAt: Date }> {
  const expired = new Date(now.getTime() - windowMs);
  const { rows } = await sql<{ hits: number; window_started_at: Date }>`
    insert into rate_limit_counters as c (key, window_started_at, hits) values (${key}, ${now}, 1)
    on conflict (key) do update set
      hits = case when c.window_started_at <= ${expired} then 1 else c.hits + 1 end,
      window_started_at = case when c.window_started_at <= ${expired} then ${now} else c.window_started_at end
    returning hits, window_started_at`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('rate limit counter not returned');
  return { hits: row.hits, windowStartedAt: new Date(row.window_started_at) };
}
