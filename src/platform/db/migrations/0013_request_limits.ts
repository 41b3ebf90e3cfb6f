import { sql, type Kysely } from 'kysely';

/**
 * Limits per client address (issue 10 item 5; security sweep H3, test 7), kept in the database so that
 * every instance serving one database counts the same requests.
 *
 * `rate_limit_counters`: one row per limit and client address (the key), the start of its current fixed
 * window and the requests counted in it. A request is one atomic upsert (src/platform/http/rate-limit.ts):
 * a window that has run out starts again at 1. These are counters, not records: a row is overwritten by
 * the next window.
 *
 * `sign_in_unknown_counts`: failed sign-ins with a username no account has, counted per client address
 * and hour instead of one audit event and public log entry each (a stranger's guesses are no agency's
 * business, and each entry would be kept for ever). Rows are kept (an administrator reads them with SQL).
 */
const statements = [
  `create table rate_limit_counters (
    key text primary key,
    window_started_at timestamptz not null,
    hits integer not null check (hits > 0)
  )`,
  `create table sign_in_unknown_counts (
    address text not null,
    hour timestamptz not null,
    attempts integer not null check (attempts > 0),
    first_at timestamptz not null,
    last_at timestamptz not null,
    primary key (address, hour)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
