import { sql, type Kysely } from 'kysely';

/**
 * Service guides (服务指南, issue 4 item 3, S-2.2): what an applicant needs to know about an item of the
 * power list beyond what its versions already say. The time limit and the fees stay in the item's version
 * (power_item_versions.time_limit, .fees: one source); the guide adds the conditions, the materials, where
 * and when to go, and whom to ask. Each save is a new revision — nothing is changed or deleted
 * (DESIGN.md principle 5); the newest revision is the guide shown.
 */
const statements = [
  `create table service_guides (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    item_id uuid not null references power_items(id),
    revision integer not null check (revision >= 1),
    conditions text not null,
    materials jsonb not null,
    place text not null,
    hours text not null,
    contact text not null,
    online_url text not null,
    note text not null,
    author_id uuid references people(id),
    created_at timestamptz not null,
    unique (item_id, revision)
  )`,
  `create trigger service_guides_frozen before update or delete on service_guides
    for each row execute function record_log_frozen()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
