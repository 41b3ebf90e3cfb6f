import { sql, type Kysely } from 'kysely';

/**
 * Ex-post publicity (事后公开, issue 4 item 4): decision summaries with the masked decision document, the
 * public's correction requests, each agency's publicity settings, and the holiday notices administrators
 * load into the working-day calendar (item 6).
 *
 * A publication's status moves draft → in_review → published → withdrawn | ended (in_review may go back to
 * draft when the publisher returns it). A publication whose period has run out stays `published` in the
 * table and is shown as ended (the portal hides it the day after `period_ends_on`); `ended` is an early end
 * on request (公示规定 §14). The internal record (`personal_records`: the natural persons' names, ID numbers,
 * phones and addresses the masking looks for) never leaves the workbench. Nothing is deleted.
 */
const statements = [
  `create table publications (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    unit_id uuid references units(id),
    kind text not null check (kind in ('licensing','penalty','coercion','levy','fee','inspection')),
    status text not null check (status in ('draft','in_review','published','withdrawn','ended')),
    case_id uuid,
    party_kind text not null check (party_kind in ('natural_person','organisation')),
    party_name text not null,
    party_credit_code text,
    document_number text not null,
    decided_on date not null,
    title text not null,
    summary text not null,
    document_text text not null,
    sanctions jsonb not null,
    facts jsonb not null default '{}',
    personal_records jsonb not null,
    due_on date not null,
    due_warnings jsonb not null,
    author_id uuid references people(id),
    reviewer_id uuid references people(id),
    review_note text not null default '',
    published_at timestamptz,
    published_on date,
    period_ends_on date,
    period_rule text,
    withdrawal_reason text,
    withdrawal_occurred_on date,
    withdrawal_due_on date,
    withdrawn_at timestamptz,
    ended_at timestamptz,
    end_reason text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint publications_agency_document_key unique (agency_id, kind, document_number)
  )`,
  // The portal's search (DESIGN.md Storage): trigrams for names and text, btree for exact fields.
  `create index publications_party_name_trgm on publications using gin (party_name gin_trgm_ops)`,
  `create index publications_text_trgm on publications using gin ((title || ' ' || summary) gin_trgm_ops)`,
  `create index publications_credit_code on publications(party_credit_code)`,
  `create index publications_document_number on publications(document_number)`,
  `create index publications_kind_date on publications(kind, decided_on desc)`,
  `create index publications_public on publications(published_on desc, id) where status in ('published','withdrawn')`,
  `create index publications_agency_status on publications(agency_id, status, due_on)`,
  `create table publication_events (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    publication_id uuid not null references publications(id),
    action text not null check (action in
      ('drafted','edited','submitted','returned','published','withdrawn','ended','corrected')),
    note text not null,
    actor_id uuid references people(id),
    at timestamptz not null
  )`,
  `create index publication_events_publication on publication_events(publication_id, at)`,
  `create table correction_requests (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    publication_id uuid not null references publications(id),
    status text not null check (status in ('open','answered')),
    requester_name text not null,
    requester_contact text not null,
    content text not null,
    received_on date not null,
    due_on date not null,
    answer text,
    corrected boolean,
    answered_by uuid references people(id),
    answered_at timestamptz,
    created_at timestamptz not null
  )`,
  `create index correction_requests_agency on correction_requests(agency_id, status, due_on)`,
  `create index correction_requests_publication on correction_requests(publication_id)`,
  `create table publicity_settings (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    config jsonb not null,
    reason text not null,
    created_at timestamptz not null
  )`,
  `create index publicity_settings_agency on publicity_settings(agency_id, created_at desc)`,
  // A reference table (DESIGN.md principle 4): one row per import; the newest import of a year wins.
  `create table calendar_notices (
    id uuid primary key,
    year integer not null check (year between 1949 and 9999),
    title text not null,
    holidays jsonb not null,
    make_up_workdays jsonb not null,
    loaded_by uuid references people(id),
    loaded_at timestamptz not null
  )`,
  `create index calendar_notices_year on calendar_notices(year, loaded_at desc)`,
  `create trigger publication_events_frozen before update or delete on publication_events
    for each row execute function record_log_frozen()`,
  `create trigger publicity_settings_frozen before update or delete on publicity_settings
    for each row execute function record_log_frozen()`,
  `create trigger calendar_notices_frozen before update or delete on calendar_notices
    for each row execute function record_log_frozen()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
