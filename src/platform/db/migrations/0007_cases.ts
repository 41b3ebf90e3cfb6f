import { sql, type Kysely } from 'kysely';

/**
 * Cases (issue 5): one row per case of the six kinds, moved along its lifecycle (src/cases/lifecycles/)
 * by commands; its parties, assigned officers with their recusal declarations, every event (steps and the
 * rest) and its statutory periods. Amounts are integer fen. `version` is the optimistic-concurrency
 * counter: a command names the version it saw and loses with a conflict if another changed the case first.
 *
 * Each case step also writes an `enforcement_steps` row (subject_type 'case') so the AV checklist of the
 * records area judges it and evidence can be linked to it: the cases area takes that table over rather
 * than duplicating it. Nothing is deleted (DESIGN.md principle 5); events and parties never change.
 */
const statements = [
  `create table cases (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    kind text not null check (kind in
      ('penalty_ordinary','penalty_summary','licensing','coercion','inspection','levy','fee')),
    action_kind text not null check (action_kind in ('licensing','penalty','coercion','levy','fee','inspection')),
    procedure text check (procedure in ('ordinary','summary')),
    case_number text not null,
    title text not null,
    state text not null,
    item_id uuid references power_items(id),
    item_code text,
    field text not null,
    unit_id uuid references units(id),
    source text not null,
    origin_case_id uuid references cases(id),
    version integer not null default 1 check (version >= 1),
    discovered_on date not null,
    filed_on date,
    decided_on date,
    closed_on date,
    proposed_amount_fen bigint check (proposed_amount_fen >= 0),
    amount_fen bigint check (amount_fen >= 0),
    paid_fen bigint not null default 0 check (paid_fen >= 0),
    surcharge_fen bigint not null default 0 check (surcharge_fen >= 0),
    decision_outcome text,
    circumstance text,
    benchmark_outcome text,
    discretion_reason text,
    major boolean not null default false,
    major_reasons jsonb not null default '[]',
    rights_waived boolean not null default false,
    suspended_since date,
    suspensions jsonb not null default '[]',
    extensions jsonb not null default '{}',
    deliberated_days integer not null default 0 check (deliberated_days >= 0),
    created_by uuid references people(id),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint cases_agency_number_key unique (agency_id, case_number)
  )`,
  `create index cases_agency_state on cases(agency_id, state, updated_at)`,
  `create index cases_agency_kind on cases(agency_id, kind, discovered_on)`,
  `create index cases_origin on cases(origin_case_id) where origin_case_id is not null`,
  `create index cases_title_trgm on cases using gin (title gin_trgm_ops)`,
  // Case numbers per agency, prefix and year: one row per series, incremented under its row lock, so
  // numbers have no gaps and no duplicates however many officers file at once.
  `create table case_number_series (
    agency_id uuid not null references agencies(id),
    prefix text not null,
    year integer not null,
    last integer not null check (last >= 1),
    primary key (agency_id, prefix, year)
  )`,
  `create table case_parties (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    case_id uuid not null references cases(id),
    party_type text not null check (party_type in ('person','organisation')),
    name text not null,
    id_number text,
    phone text,
    address text,
    credit_code text,
    legal_representative text,
    created_at timestamptz not null,
    check (party_type = 'person' or (id_number is null)),
    check (party_type = 'organisation' or (credit_code is null and legal_representative is null))
  )`,
  `create index case_parties_case on case_parties(case_id)`,
  `create index case_parties_credit_code on case_parties(agency_id, credit_code) where credit_code is not null`,
  `create table case_officers (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    case_id uuid not null references cases(id),
    person_id uuid not null references people(id),
    lead boolean not null default false,
    assigned_on date not null,
    assigned_by uuid references people(id),
    assigned_at timestamptz not null,
    declared_at timestamptz,
    conflict boolean,
    declaration text,
    recused_at timestamptz,
    recused_by uuid references people(id),
    recusal_reason text,
    unique (case_id, person_id),
    check ((declared_at is null) = (conflict is null)),
    check ((recused_at is null) = (recusal_reason is null))
  )`,
  `create index case_officers_person on case_officers(person_id) where recused_at is null`,
  `create table case_events (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    case_id uuid not null references cases(id),
    seq integer not null check (seq >= 1),
    action text not null,
    step text,
    from_state text not null,
    to_state text not null,
    on_date date not null,
    at timestamptz not null,
    actor_id uuid references people(id),
    officer_ids jsonb not null default '[]',
    reason text,
    late_reason text,
    details jsonb not null default '{}',
    enforcement_step_id uuid references enforcement_steps(id),
    unique (case_id, seq)
  )`,
  `create index case_events_agency_at on case_events(agency_id, at)`,
  `create table case_deadlines (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    case_id uuid not null references cases(id),
    code text not null,
    opened_on date not null,
    opened_by uuid not null references case_events(id),
    due_on date not null,
    warnings jsonb not null default '[]',
    met_on date,
    met_by uuid references case_events(id),
    late boolean not null default false,
    updated_at timestamptz not null,
    check ((met_on is null) = (met_by is null))
  )`,
  // One open period of a code per case.
  `create unique index case_deadlines_open on case_deadlines(case_id, code) where met_on is null`,
  `create index case_deadlines_due on case_deadlines(agency_id, due_on) where met_on is null`,
  `create function cases_never_deleted() returns trigger language plpgsql as $$
  begin
    raise exception '% rows are never deleted (cases)', tg_table_name using errcode = 'integrity_constraint_violation';
  end $$`,
  ...['cases', 'case_officers', 'case_deadlines'].map(
    (table) => `create trigger ${table}_never_deleted before delete on ${table}
      for each row execute function cases_never_deleted()`,
  ),
  // An event or a party, once written, is a fact: never changed, never deleted.
  ...['case_events', 'case_parties'].map(
    (table) => `create trigger ${table}_frozen before update or delete on ${table}
      for each row execute function record_log_frozen()`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
