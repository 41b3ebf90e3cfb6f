import { sql, type Kysely } from 'kysely';

/**
 * Staged entries carry a MAC (issue 10 item 6; security sweep M3): see record-log/staging-key.ts.
 *
 * `log_entries.mac`: HMAC-SHA256 under the staging key, which the database does not hold. It is part of
 * what a staged entry never changes (the trigger of 0002 is replaced to say so).
 *
 * `log_entries_before_mac`: the entries still pending when this migration ran were staged before there
 * was a MAC; the integrator takes these (and only these) without one. Filled here once; the trigger then
 * refuses any insert, update or delete.
 *
 * `log_entry_refusals`: each staged entry the integrator refused (no MAC, or a wrong one), with the
 * reason. The entry stays in `log_entries` without an index and is never integrated; the refusal is also
 * an audit event (`record_log.entry_refused`) in the log. Append-only, like the audit rows.
 */
const statements = [
  `alter table log_entries add column mac bytea check (length(mac) = 32)`,
  `create or replace function log_entry_indexed_once() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' or old.log_index is not null or new.seq <> old.seq
       or new.event_id <> old.event_id or new.entry <> old.entry
       or new.mac is distinct from old.mac then
      raise exception 'a staged log entry only gains its log index once' using errcode = 'integrity_constraint_violation';
    end if;
    return new;
  end $$`,
  `create table log_entries_before_mac (
    seq bigint primary key references log_entries(seq)
  )`,
  `insert into log_entries_before_mac (seq) select seq from log_entries where log_index is null`,
  `create trigger log_entries_before_mac_frozen before insert or update or delete on log_entries_before_mac
    for each row execute function record_log_frozen()`,
  `create table log_entry_refusals (
    id uuid primary key,
    seq bigint not null unique references log_entries(seq),
    event_id uuid not null references audit_events(id),
    agency_id uuid references agencies(id),
    reason text not null check (reason in ('missing_mac','invalid_mac')),
    refused_at timestamptz not null
  )`,
  `create trigger log_entry_refusals_frozen before update or delete on log_entry_refusals
    for each row execute function record_log_frozen()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
