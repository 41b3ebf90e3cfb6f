import { sql, type Kysely } from 'kysely';

/**
 * The record log (issue 3): the private audit row keeps its salt and canonical record; each event stages
 * a public entry that the integrator gives a dense log index; tiles, entry bundles and signed checkpoints
 * are stored as published (C2SP tlog-tiles, tlog-checkpoint). See src/platform/record-log/ and
 * docs/record-log.md.
 *
 * Nothing here is ever deleted or rewritten (DESIGN.md principle 5), and triggers hold the tables to it:
 * audit rows and checkpoints never change, a staged entry only ever gains its index, and a tile only ever
 * grows (a partial tile is replaced by a wider one that starts with the same hashes; a full tile is final).
 * Triggers do not stop a database owner who disables them; `sanxiang verify` is what catches that.
 */
const statements = [
  // Rows recorded before the record log have no salt or record; `sanxiang verify` reports them apart.
  `alter table audit_events
    add column salt bytea check (length(salt) = 16),
    add column record text,
    add column file_sha256 char(64) check (file_sha256 ~ '^[0-9a-f]{64}$')`,
  `create index audit_events_subject on audit_events(subject_type, subject_id, seq)`,
  `create table log_entries (
    seq bigserial primary key,
    event_id uuid not null unique references audit_events(id),
    entry bytea not null check (length(entry) <= 65535),
    log_index bigint unique check (log_index >= 0)
  )`,
  // The integrator's work queue: only entries not yet in the tree, so it stays small.
  `create index log_entries_pending on log_entries(seq) where log_index is null`,
  `create table log_tiles (
    level smallint not null check (level between 0 and 63),
    tile_index bigint not null check (tile_index >= 0),
    width smallint not null check (width between 1 and 256),
    data bytea not null check (length(data) = 32 * width),
    primary key (level, tile_index)
  )`,
  `create table log_entry_bundles (
    tile_index bigint primary key check (tile_index >= 0),
    width smallint not null check (width between 1 and 256),
    data bytea not null
  )`,
  `create table log_checkpoints (
    size bigint primary key check (size >= 0),
    root bytea not null check (length(root) = 32),
    note text not null,
    signed_at timestamptz not null
  )`,
  `create function record_log_frozen() returns trigger language plpgsql as $$
  begin
    raise exception '% rows are never changed or deleted (record log)', tg_table_name
      using errcode = 'integrity_constraint_violation';
  end $$`,
  `create trigger audit_events_frozen before update or delete on audit_events
    for each row execute function record_log_frozen()`,
  `create trigger log_checkpoints_frozen before update or delete on log_checkpoints
    for each row execute function record_log_frozen()`,
  `create function log_entry_indexed_once() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' or old.log_index is not null or new.seq <> old.seq
       or new.event_id <> old.event_id or new.entry <> old.entry then
      raise exception 'a staged log entry only gains its log index once' using errcode = 'integrity_constraint_violation';
    end if;
    return new;
  end $$`,
  `create trigger log_entries_indexed_once before update or delete on log_entries
    for each row execute function log_entry_indexed_once()`,
  `create function log_tile_grows() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' or old.width = 256 or new.width <= old.width
       or substring(new.data from 1 for length(old.data)) <> old.data then
      raise exception 'a log tile only grows' using errcode = 'integrity_constraint_violation';
    end if;
    return new;
  end $$`,
  `create trigger log_tiles_grow before update or delete on log_tiles
    for each row execute function log_tile_grows()`,
  `create trigger log_entry_bundles_grow before update or delete on log_entry_bundles
    for each row execute function log_tile_grows()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
