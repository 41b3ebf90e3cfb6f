import { sql, type Kysely } from 'kysely';

/**
 * The county portal's search across agencies (issue 14 item 4; docs/county.md "The county portal"). The
 * current view of a record is found through `county_records_subject` (0027); a search by a fragment of a
 * party's name, a document number or a title, or of a power-list item's name or code, first finds the
 * matching records through these trigram indexes (one per searched type, partial), then keeps those that are
 * still the latest of their subject. The expressions are exactly those the queries use
 * (src/county/portal/county-portal.queries.ts).
 */
const statements = [
  `create index county_records_publication_text on county_records using gin
    ((coalesce(content->>'partyName', '') || ' ' || coalesce(content->>'documentNumber', '') || ' ' ||
      coalesce(content->>'title', '')) gin_trgm_ops)
    where type = 'publication'`,
  `create index county_records_power_text on county_records using gin
    ((coalesce(content->>'name', '') || ' ' || coalesce(content->>'code', '')) gin_trgm_ops)
    where type = 'power_list_version'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
