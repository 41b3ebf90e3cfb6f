import { sql, type Kysely } from 'kysely';

/**
 * The portal's publication search over a million rows (issue 4, Figures; bench/portal-search.bench.ts).
 * A search counts its matches and shows the newest 20; both must skip what the public may not see today
 * (status, and the period's end). With those two columns carried in the index (INCLUDE), counting a kind
 * and a span of dates is an index-only scan instead of a visit to every matching row of a wide table, and
 * the newest 20 come off the index in order (decided_on desc, id desc, as the page sorts). The same for a
 * span of dates without a kind, and for the whole list (the publications page without a search). The
 * index on (kind, decided_on desc) of 0006 is a prefix of the new one: dropped.
 */
const statements = [
  `create index publications_search_kind_date on publications (kind, decided_on desc, id desc)
    include (status, period_ends_on)`,
  `create index publications_search_date on publications (decided_on desc, id desc)
    include (status, period_ends_on)`,
  `drop index publications_kind_date`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
