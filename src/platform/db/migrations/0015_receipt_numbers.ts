import { sql, type Kysely } from 'kysely';

/**
 * Short human numbers and party search (issue 10 item 9; newcomer walk-through: a citizen was given
 * "受理编号 01a237bb-d276-72e5-9304-b3d4dc9acac9", which nobody can write down; the case list could not
 * find a party by name).
 *
 * `correction_number_series`: the counter of an agency's correction receipts in a year; taking the next
 * number is one upsert under the row's lock in the request's own transaction, so numbers are gap-free
 * and a rolled-back request takes none (as `case_number_series`, 0007).
 *
 * `correction_requests.receipt_number`: `GZ-2026-000123` (更正, year, serial), unique per agency. Rows
 * from before get theirs in the order they were received.
 *
 * `case_parties_name_trgm`: the case list's party search (`LIKE '%恒丰%'`) over trigrams (DESIGN.md
 * "Chinese search"; pg_trgm is loaded by 0001).
 */
const statements = [
  `create table correction_number_series (
    agency_id uuid not null references agencies(id),
    year integer not null,
    last integer not null check (last >= 1),
    primary key (agency_id, year)
  )`,
  `alter table correction_requests add column receipt_number text`,
  `update correction_requests c set receipt_number = n.receipt_number
    from (
      select id, 'GZ-' || extract(year from received_on)::int || '-' ||
        lpad((row_number() over (partition by agency_id, extract(year from received_on)
          order by created_at, id))::text, 6, '0') as receipt_number
      from correction_requests
    ) n
    where n.id = c.id`,
  `insert into correction_number_series (agency_id, year, last)
    select agency_id, extract(year from received_on)::int, count(*)
    from correction_requests group by agency_id, extract(year from received_on)::int`,
  `alter table correction_requests alter column receipt_number set not null`,
  `create unique index correction_requests_receipt on correction_requests(agency_id, receipt_number)`,
  `create index correction_requests_receipt_lookup on correction_requests(receipt_number)`,
  `create index case_parties_name_trgm on case_parties using gin (name gin_trgm_ops)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
