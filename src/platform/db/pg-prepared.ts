import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * Named prepared statements for PostgreSQL. Kysely sends every query unnamed, so the server parses and
 * plans it each time; naming a statement by its text lets each connection prepare it once and reuse the
 * plan (bench: most of the server's time on a read went to planning). Only statements with parameters
 * and a bounded shape are named, so a long `in (…)` list does not leave a new statement per length.
 */
const MAX_NAMED_PARAMETERS = 16;

const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `sx_${createHash('sha1').update(sql).digest('base64url')}`;
    if (names.size < 10_000) names.set(sql, name);
  }
  return name;
}

function namedClient(client: pg.PoolClient): PostgresPoolClient {
  const query = (sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>) => {
    if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as pg.Submittable);
    const values = [...(parameters ?? [])];
    if (values.length === 0 || values.length > MAX_NAMED_PARAMETERS) return client.query(sqlOrCursor, values);
    return client.query({ name: statementName(sqlOrCursor), text: sqlOrCursor, values });
  };
  return {
    query: query as unknown as PostgresPoolClient['query'],
    release: (destroy) => client.release(destroy),
  };
}

export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => namedClient(await pool.connect()),
    end: () => pool.end(),
  };
}
