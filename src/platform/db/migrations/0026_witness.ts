import { sql, type Kysely } from 'kysely';

/**
 * The witness (issue 14 item 3; src/county/witness/, docs/county.md): the county platform witnesses each
 * agency's record log as C2SP tlog-witness describes. Instance-wide tables (the platform's own, no
 * agency_id):
 *
 * - `witness_logs`: the logs it witnesses, one per origin, with the verifier keys it trusts for it. A
 *   registration is a recorded command of the instance administrator; a row never changes.
 * - `witness_checkpoints`: every checkpoint it cosigned, never deleted; the latest of a log is the one of
 *   the largest size. One per (origin, size): two concurrent add-checkpoint calls cannot both store the
 *   same next size, and the service locks the log's row while it checks and stores (tlog-witness
 *   "add-checkpoint": the check and the update are atomic).
 * - `witness_alerts`: a checkpoint refused as inconsistent with the one held (a fork: same size with
 *   another root, or a consistency proof that fails), with both notes kept as evidence.
 *
 * Nothing here drops or changes existing data.
 */
const statements = [
  `create table witness_logs (
    id uuid primary key,
    origin text not null unique check (length(origin) between 1 and 255),
    verifier_keys jsonb not null,
    registered_by uuid references people(id),
    registered_at timestamptz not null
  )`,
  `create table witness_checkpoints (
    id uuid primary key,
    origin text not null references witness_logs(origin),
    size bigint not null check (size >= 0),
    root_hash text not null,
    note text not null,
    received_at timestamptz not null,
    unique (origin, size)
  )`,
  `create table witness_alerts (
    id uuid primary key,
    origin text not null references witness_logs(origin),
    held_checkpoint text not null,
    offered_checkpoint text not null,
    reason text not null,
    raised_at timestamptz not null
  )`,
  `create index witness_alerts_origin on witness_alerts(origin, raised_at)`,
  `create trigger witness_logs_frozen before update or delete on witness_logs
    for each row execute function record_log_frozen()`,
  `create trigger witness_checkpoints_frozen before update or delete on witness_checkpoints
    for each row execute function record_log_frozen()`,
  `create trigger witness_alerts_frozen before update or delete on witness_alerts
    for each row execute function record_log_frozen()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
