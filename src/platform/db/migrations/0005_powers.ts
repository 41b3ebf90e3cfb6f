import { sql, type Kysely } from 'kysely';

/**
 * The power list (权责清单, issue 4 item 1): an enforcement item is its code and kind; everything else it
 * says lives in versions. Each change is a new version with an effective date and a reason, published only
 * after the publisher's review (S-2.3); an item taken off the list is a new version marked withdrawn.
 * Review steps are rows of their own. Nothing is deleted (DESIGN.md principle 5): a version's content
 * never changes once written — only its status moves draft → submitted → published | rejected, and
 * triggers hold it to that.
 */
const statements = [
  `create table power_items (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    code text not null,
    kind text not null check (kind in ('licensing','penalty','coercion','levy','fee','inspection')),
    created_at timestamptz not null,
    constraint power_items_agency_code_key unique (agency_id, code)
  )`,
  `create table power_item_versions (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    item_id uuid not null references power_items(id),
    version integer not null check (version >= 1),
    status text not null check (status in ('draft','submitted','published','rejected')),
    effective_from date not null,
    reason text not null,
    withdrawn boolean not null default false,
    name text not null,
    legal_bases jsonb not null,
    unit_id uuid references units(id),
    procedure text not null,
    time_limit jsonb not null,
    fees text not null,
    supervision text not null,
    remedies jsonb not null,
    random_inspection jsonb,
    benchmarks jsonb not null,
    author_id uuid references people(id),
    created_at timestamptz not null,
    unique (item_id, version)
  )`,
  // One open (unpublished, unrejected) version per item: a second concurrent edit fails on the constraint.
  `create unique index power_item_versions_open on power_item_versions(item_id)
    where status in ('draft','submitted')`,
  `create index power_item_versions_published on power_item_versions(agency_id, item_id, effective_from)
    where status = 'published'`,
  `create index power_item_versions_name_trgm on power_item_versions using gin (name gin_trgm_ops)`,
  `create table power_review_events (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    version_id uuid not null references power_item_versions(id),
    action text not null check (action in ('submitted','published','rejected')),
    note text not null,
    actor_id uuid references people(id),
    at timestamptz not null
  )`,
  `create index power_review_events_version on power_review_events(version_id, at)`,
  `create function power_version_frozen() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' then
      raise exception 'power list versions are never deleted' using errcode = 'integrity_constraint_violation';
    end if;
    if (to_jsonb(new) - 'status') <> (to_jsonb(old) - 'status')
       or not ((old.status = 'draft' and new.status = 'submitted')
            or (old.status = 'submitted' and new.status in ('published','rejected'))) then
      raise exception 'a power list version only moves draft -> submitted -> published or rejected'
        using errcode = 'integrity_constraint_violation';
    end if;
    return new;
  end $$`,
  `create trigger power_item_versions_frozen before update or delete on power_item_versions
    for each row execute function power_version_frozen()`,
  `create trigger power_items_frozen before update or delete on power_items
    for each row execute function record_log_frozen()`,
  `create trigger power_review_events_frozen before update or delete on power_review_events
    for each row execute function record_log_frozen()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
