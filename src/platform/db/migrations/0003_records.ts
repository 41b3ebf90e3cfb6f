import { sql, type Kysely } from 'kysely';

/**
 * Full-process records (issue 3, items 6–9): AV devices and their loans, the enforcement steps that the AV
 * checklist judges (a plain subject reference until the cases issue), evidence files (their bytes live in
 * the content-addressed blob store, see src/records/blob-store.ts), and each agency's AV checklist and
 * retention periods.
 *
 * Nothing here is deleted (DESIGN.md principle 5). An evidence file's facts never change: a row may only
 * gain a retention mark (never lose one) and, once, its disposal — which removes the bytes from the blob
 * store but keeps the row, its digests and its log entries. Triggers hold the tables to it.
 */
const statements = [
  `create table recorders (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    unit_id uuid references units(id),
    serial text not null,
    model text not null,
    kind text not null check (kind in ('body_camera','camera','audio_recorder','phone','other')),
    status text not null check (status in ('in_service','under_repair','lost','retired')),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (agency_id, serial)
  )`,
  `create table recorder_loans (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    recorder_id uuid not null references recorders(id),
    officer_id uuid not null references people(id),
    checked_out_at timestamptz not null,
    checked_out_by uuid references people(id),
    out_note text not null,
    checked_in_at timestamptz,
    checked_in_by uuid references people(id),
    in_note text,
    check (checked_in_at is null or checked_in_at >= checked_out_at)
  )`,
  // One open loan per device: a second check-out fails on the constraint, not on a racy read.
  `create unique index recorder_loans_open on recorder_loans(recorder_id) where checked_in_at is null`,
  `create index recorder_loans_recorder on recorder_loans(recorder_id, checked_out_at)`,
  `create table enforcement_steps (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    subject_type text not null,
    subject_id text not null,
    step text not null,
    started_at timestamptz not null,
    ended_at timestamptz,
    place text,
    recorded_by uuid references people(id),
    recorded_at timestamptz not null,
    check (ended_at is null or ended_at >= started_at)
  )`,
  `create index enforcement_steps_subject on enforcement_steps(agency_id, subject_type, subject_id)`,
  `create index enforcement_steps_started on enforcement_steps(agency_id, started_at)`,
  `create table evidence_files (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    subject_type text not null,
    subject_id text not null,
    step text,
    step_id uuid references enforcement_steps(id),
    kind text not null check (kind in ('photo','audio','video','scan')),
    media_type text not null,
    filename text,
    size bigint not null check (size > 0),
    sha256 char(64) not null check (sha256 ~ '^[0-9a-f]{64}$'),
    sm3 char(64) not null check (sm3 ~ '^[0-9a-f]{64}$'),
    recorder_id uuid references recorders(id),
    officer_ids jsonb not null,
    captured_from timestamptz,
    captured_to timestamptz,
    place text,
    latitude double precision check (latitude between -90 and 90),
    longitude double precision check (longitude between -180 and 180),
    full_process boolean not null,
    interruptions jsonb not null,
    used_as_evidence boolean not null default false,
    shows_obstruction boolean not null default false,
    major_incident boolean not null default false,
    uploaded_by uuid references people(id),
    uploaded_at timestamptz not null,
    disposed_at timestamptz,
    disposed_by uuid references people(id),
    disposal_reason text,
    disposal_approval text,
    check (captured_to is null or captured_from is null or captured_to >= captured_from),
    check ((latitude is null) = (longitude is null)),
    check (not full_process or kind in ('audio','video')),
    check ((disposed_at is null) = (disposed_by is null)
      and (disposed_at is null) = (disposal_reason is null)
      and (disposed_at is null) = (disposal_approval is null))
  )`,
  `create index evidence_files_subject on evidence_files(agency_id, subject_type, subject_id)`,
  `create index evidence_files_step on evidence_files(step_id) where step_id is not null`,
  `create index evidence_files_recorder on evidence_files(recorder_id) where recorder_id is not null`,
  `create index evidence_files_sha256 on evidence_files(sha256)`,
  `create index evidence_files_uploaded on evidence_files(agency_id, uploaded_at)`,
  `create table av_checklists (
    id uuid primary key,
    agency_id uuid not null unique references agencies(id),
    items jsonb not null,
    updated_at timestamptz not null
  )`,
  `create table retention_policies (
    id uuid primary key,
    agency_id uuid not null unique references agencies(id),
    periods jsonb not null,
    updated_at timestamptz not null
  )`,
  `create function records_never_deleted() returns trigger language plpgsql as $$
  begin
    raise exception '% rows are never deleted (full-process records)', tg_table_name
      using errcode = 'integrity_constraint_violation';
  end $$`,
  ...[
    'recorders',
    'recorder_loans',
    'enforcement_steps',
    'evidence_files',
    'av_checklists',
    'retention_policies',
  ].map(
    (table) => `create trigger ${table}_never_deleted before delete on ${table}
      for each row execute function records_never_deleted()`,
  ),
  `create function enforcement_step_fixed() returns trigger language plpgsql as $$
  begin
    raise exception 'a recorded enforcement step never changes' using errcode = 'integrity_constraint_violation';
  end $$`,
  `create trigger enforcement_steps_fixed before update on enforcement_steps
    for each row execute function enforcement_step_fixed()`,
  `create function recorder_loan_returned_once() returns trigger language plpgsql as $$
  begin
    if old.checked_in_at is not null
       or (to_jsonb(new) - array['checked_in_at','checked_in_by','in_note'])
          <> (to_jsonb(old) - array['checked_in_at','checked_in_by','in_note']) then
      raise exception 'a recorder loan only gains its check-in, once' using errcode = 'integrity_constraint_violation';
    end if;
    return new;
  end $$`,
  `create trigger recorder_loans_returned_once before update on recorder_loans
    for each row execute function recorder_loan_returned_once()`,
  `create function evidence_file_fixed() returns trigger language plpgsql as $$
  declare
    mutable constant text[] := array['used_as_evidence','shows_obstruction','major_incident',
      'disposed_at','disposed_by','disposal_reason','disposal_approval'];
  begin
    if (to_jsonb(new) - mutable) <> (to_jsonb(old) - mutable)
       or (old.used_as_evidence and not new.used_as_evidence)
       or (old.shows_obstruction and not new.shows_obstruction)
       or (old.major_incident and not new.major_incident)
       or (new.disposed_at is not null and (new.used_as_evidence or new.shows_obstruction or new.major_incident))
       or (old.disposed_at is not null and (new.disposed_at, new.disposed_by, new.disposal_reason, new.disposal_approval)
           is distinct from (old.disposed_at, old.disposed_by, old.disposal_reason, old.disposal_approval)) then
      raise exception 'an evidence file only gains retention marks and, once, its disposal'
        using errcode = 'integrity_constraint_violation';
    end if;
    return new;
  end $$`,
  `create trigger evidence_files_fixed before update on evidence_files
    for each row execute function evidence_file_fixed()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
