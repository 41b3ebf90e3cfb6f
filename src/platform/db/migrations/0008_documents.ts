import { sql, type Kysely } from 'kysely';

/**
 * Documents (issue 5 items 5, 6, 8): the agency's .docx templates, document number sequences, the
 * agency's number patterns, and issued documents.
 *
 * - A template upload is a new version; old versions stay (nothing is deleted, DESIGN.md principle 5).
 *   The bytes are in the content-addressed blob store under `sha256`. Version 0 — no row — is the
 *   template shipped with the project (src/documents/templates/).
 * - A number sequence row per (agency, type, year) holds the next serial. The issuing transaction takes
 *   its number with one `insert … on conflict do update … returning`, which locks the row until the
 *   transaction ends: concurrent issues wait in turn, a rolled-back issue gives its number back, so
 *   serials have no gaps and no duplicates (and the unique key below would refuse one anyway).
 * - An issued document is written once when issued (number, data, template version) and sealed once
 *   after its issue entry is in the record log: the verification code of that entry is printed on the
 *   .docx, so the file's digest can only be known afterwards. The trigger lets the seal columns go from
 *   null to a value exactly once and nothing else ever change.
 */
const statements = [
  `create table document_templates (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    type text not null,
    version integer not null check (version >= 1),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    size integer not null check (size > 0),
    filename text not null,
    note text not null,
    uploaded_by uuid references people(id),
    uploaded_at timestamptz not null,
    unique (agency_id, type, version)
  )`,
  `create trigger document_templates_frozen before update or delete on document_templates
    for each row execute function record_log_frozen()`,
  `create table document_number_patterns (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    type text not null,
    pattern text not null check (pattern ~ '[{]n(:[0-9])?[}]'),
    updated_by uuid references people(id),
    updated_at timestamptz not null,
    unique (agency_id, type)
  )`,
  `create table document_number_sequences (
    agency_id uuid not null references agencies(id),
    type text not null,
    year integer not null check (year between 2000 and 2999),
    next_serial integer not null check (next_serial >= 2),
    primary key (agency_id, type, year)
  )`,
  `create function document_sequence_forward() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' or new.next_serial <> old.next_serial + 1 or new.agency_id <> old.agency_id
       or new.type <> old.type or new.year <> old.year then
      raise exception 'a document number sequence only moves forward by one' using errcode = 'integrity_constraint_violation';
    end if;
    return new;
  end $$`,
  `create trigger document_number_sequences_forward before update or delete on document_number_sequences
    for each row execute function document_sequence_forward()`,
  `create table issued_documents (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    subject_type text not null,
    subject_id text not null,
    type text not null,
    year integer not null,
    serial integer not null check (serial >= 1),
    number text not null,
    template_id uuid references document_templates(id),
    template_version integer not null check (template_version >= 0),
    template_sha256 text not null,
    data jsonb not null,
    issued_at timestamptz not null,
    issued_by uuid references people(id),
    sha256 text check (sha256 ~ '^[0-9a-f]{64}$'),
    size integer,
    verification_code text,
    sealed_at timestamptz,
    unique (agency_id, type, year, serial),
    unique (agency_id, number),
    check ((sha256 is null) = (size is null) and (sha256 is null) = (verification_code is null)
       and (sha256 is null) = (sealed_at is null))
  )`,
  `create index issued_documents_subject on issued_documents(agency_id, subject_type, subject_id, issued_at)`,
  `create index issued_documents_unsealed on issued_documents(issued_at) where sha256 is null`,
  `create index issued_documents_sha256 on issued_documents(sha256)`,
  `create function issued_document_frozen() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' then
      raise exception 'issued documents are never deleted' using errcode = 'integrity_constraint_violation';
    end if;
    if old.sha256 is not null or new.sha256 is null
       or (to_jsonb(new) - array['sha256','size','verification_code','sealed_at'])
          <> (to_jsonb(old) - array['sha256','size','verification_code','sealed_at']) then
      raise exception 'an issued document is sealed once and never changed' using errcode = 'integrity_constraint_violation';
    end if;
    return new;
  end $$`,
  `create trigger issued_documents_frozen before update or delete on issued_documents
    for each row execute function issued_document_frozen()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
