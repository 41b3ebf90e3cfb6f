import { sql, type Kysely } from 'kysely';

/**
 * Docking with the county platform (issue 14 items 1 and 2; docs/county-push.md). Both roles run the same
 * software, so both sides' tables are here; an instance uses the side of its role.
 *
 * The platform's side (instance-wide, no agency_id, like the witness of 0026):
 * - `county_agencies`: the agencies the platform supervises, registered by its administrator: credit code,
 *   name, the agency's id on its own instance (`remote_agency_id`: the `agency` of its log entries; not called
 *   agency_id, which marks a business table of this instance's own agencies), where it serves its portal
 *   and `/log/`, its log's origin (a `witness_logs` row) and the keys its pushes are signed with.
 * - `county_agency_events`: what changes about a registered agency, as new facts: suspended (pushes refused,
 *   with the reason), reinstated, push keys replaced. The latest event of a kind decides.
 * - `county_batches`: each batch accepted, with the checkpoint its proofs were checked against and the
 *   signed receipt returned (a repeat of the same batch gets the same receipt).
 * - `county_records`: each record accepted, one per (registered agency, sequence), dense from 1. The latest
 *   record of a (type, subject) is what the county portal shows.
 * - `county_push_rejections`: each batch refused, with its code and reason (recorded on the platform's side).
 *
 * The agency's side (business tables, keyed by agency_id):
 * - `upstreams`: the pairing with the county platform (its URL, its witness key and its receipt key); the newest row of an
 *   agency is in force. Written by a recorded command.
 * - `push_outbox`: a record to push, written in the transaction of the command that changed it (nothing
 *   commits without its push queued). `id` is the queue order; `sequence` is given once, by the sender, in
 *   `id` order among committed rows (as the record log gives indexes), so sequences are dense per agency
 *   whatever order transactions commit in. `audit_event_id` is the command's event whose log entry the
 *   platform checks (null for checkpoints, which carry their own signature).
 * - `push_deliveries`: every attempt to deliver a batch and its outcome (acknowledged, refused, failed).
 * - `push_receipts`: the platform's signed receipt of each acknowledged batch.
 * - `push_rejections`: a record the platform refused, with the code and reason; shown to the administrator.
 * - `log_cosignatures`: witness cosignatures of this instance's checkpoints (self-verifying, like tiles: not
 *   commands), served on `/log/checkpoint`.
 *
 * Every row is frozen (record_log_frozen) except `push_outbox`, whose `sequence` may be set once.
 */
const frozen = (table: string) =>
  `create trigger ${table}_frozen before update or delete on ${table}
    for each row execute function record_log_frozen()`;

const statements = [
  `create table county_agencies (
    id uuid primary key,
    credit_code text not null unique check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    name text not null check (length(name) between 1 and 100),
    remote_agency_id uuid not null,
    base_url text not null check (length(base_url) between 1 and 500),
    log_origin text not null references witness_logs(origin),
    push_keys jsonb not null,
    registered_by uuid references people(id),
    registered_at timestamptz not null
  )`,
  `create table county_agency_events (
    id uuid primary key,
    county_agency_id uuid not null references county_agencies(id),
    kind text not null check (kind in ('suspended', 'reinstated', 'keys_replaced')),
    reason text check (reason is null or length(reason) <= 500),
    push_keys jsonb,
    recorded_by uuid references people(id),
    recorded_at timestamptz not null
  )`,
  `create index county_agency_events_agency on county_agency_events(county_agency_id, recorded_at)`,
  `create table county_batches (
    id uuid primary key,
    county_agency_id uuid not null references county_agencies(id),
    first_sequence bigint not null check (first_sequence >= 1),
    last_sequence bigint not null check (last_sequence >= first_sequence),
    body_sha256 text not null,
    checkpoint text not null,
    receipt jsonb not null,
    received_at timestamptz not null
  )`,
  `create index county_batches_agency on county_batches(county_agency_id, last_sequence)`,
  `create table county_records (
    county_agency_id uuid not null references county_agencies(id),
    sequence bigint not null check (sequence >= 1),
    type text not null,
    subject_id text,
    content jsonb not null,
    content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
    log_index bigint check (log_index is null or log_index >= 0),
    batch_id uuid not null references county_batches(id),
    received_at timestamptz not null,
    primary key (county_agency_id, sequence)
  )`,
  `create index county_records_subject on county_records(county_agency_id, type, subject_id, sequence desc)`,
  `create index county_records_type on county_records(type, sequence desc)`,
  `create table county_push_rejections (
    id uuid primary key,
    county_agency_id uuid references county_agencies(id),
    credit_code text,
    first_sequence bigint,
    last_sequence bigint,
    code text not null,
    reason text not null,
    body_sha256 text not null,
    rejected_at timestamptz not null
  )`,
  `create index county_push_rejections_agency on county_push_rejections(county_agency_id, rejected_at)`,

  `create table upstreams (
    agency_id uuid not null references agencies(id),
    id uuid not null,
    url text not null check (length(url) between 1 and 500),
    witness_key text not null check (length(witness_key) between 1 and 500),
    receipt_key text not null check (length(receipt_key) between 1 and 500),
    paired_by uuid references people(id),
    paired_at timestamptz not null,
    primary key (agency_id, id)
  )`,
  `create index upstreams_agency on upstreams(agency_id, paired_at)`,
  `create table push_outbox (
    agency_id uuid not null references agencies(id),
    id bigserial not null,
    sequence bigint check (sequence is null or sequence >= 1),
    type text not null,
    subject_id text,
    content jsonb not null,
    content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
    audit_event_id uuid references audit_events(id),
    queued_at timestamptz not null,
    primary key (agency_id, id),
    unique (agency_id, sequence)
  )`,
  `create index push_outbox_unsequenced on push_outbox(agency_id, id) where sequence is null`,
  `create function push_outbox_sequenced_once() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' or old.sequence is not null or new.id <> old.id or new.agency_id <> old.agency_id
       or new.type <> old.type or new.content <> old.content or new.content_hash <> old.content_hash
       or new.audit_event_id is distinct from old.audit_event_id or new.subject_id is distinct from old.subject_id
       or new.queued_at <> old.queued_at then
      raise exception 'push_outbox rows are never changed or deleted; a sequence is given once'
        using errcode = 'integrity_constraint_violation';
    end if;
    return new;
  end $$`,
  `create trigger push_outbox_sequenced_once before update or delete on push_outbox
    for each row execute function push_outbox_sequenced_once()`,
  `create table push_deliveries (
    agency_id uuid not null references agencies(id),
    id uuid not null,
    first_sequence bigint not null,
    last_sequence bigint not null,
    attempted_at timestamptz not null,
    outcome text not null check (outcome in ('acknowledged', 'refused', 'failed')),
    http_status integer,
    code text,
    error text check (error is null or length(error) <= 2000),
    primary key (agency_id, id)
  )`,
  `create index push_deliveries_agency on push_deliveries(agency_id, attempted_at)`,
  `create table push_receipts (
    agency_id uuid not null references agencies(id),
    first_sequence bigint not null,
    last_sequence bigint not null check (last_sequence >= first_sequence),
    receipt jsonb not null,
    received_at timestamptz not null,
    primary key (agency_id, first_sequence)
  )`,
  `create table push_rejections (
    agency_id uuid not null references agencies(id),
    id uuid not null,
    sequence bigint not null,
    code text not null,
    reason text not null check (length(reason) <= 2000),
    rejected_at timestamptz not null,
    primary key (agency_id, id)
  )`,
  `create table log_cosignatures (
    size bigint not null check (size >= 0),
    witness text not null,
    line text not null,
    received_at timestamptz not null,
    primary key (size, witness)
  )`,
  ...[
    'county_agencies',
    'county_agency_events',
    'county_batches',
    'county_records',
    'county_push_rejections',
    'upstreams',
    'push_deliveries',
    'push_receipts',
    'push_rejections',
    'log_cosignatures',
  ].map(frozen),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
