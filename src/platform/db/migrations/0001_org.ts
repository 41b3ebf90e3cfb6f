import { sql, type Kysely } from 'kysely';

/** Organisation, people, certificates, sign-in and the audit trail (issue 2). */
const statements = [
  `create extension if not exists pg_trgm`,
  `create table agencies (
    id uuid primary key,
    name text not null,
    short_name text not null,
    credit_code char(18) not null unique,
    region_code char(6) not null,
    level text not null check (level in ('province','city','county','township')),
    kind text not null check (kind in ('enforcement','supervision')),
    parent_id uuid references agencies(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index agencies_parent on agencies(parent_id)`,
  `create table units (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    name text not null,
    kind text not null check (kind in ('internal','station','legal','brigade')),
    active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (agency_id, name)
  )`,
  `create table people (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    unit_id uuid references units(id),
    name text not null,
    post text not null default '',
    phone text,
    active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index people_agency on people(agency_id, name)`,
  `create index people_name_trgm on people using gin (name gin_trgm_ops)`,
  `create table accounts (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    person_id uuid not null unique references people(id),
    username text not null unique,
    password_hash text not null,
    totp_secret text,
    totp_enabled boolean not null default false,
    failed_count integer not null default 0,
    locked_until timestamptz,
    disabled boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create table role_grants (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    person_id uuid not null references people(id),
    role text not null,
    granted_at timestamptz not null,
    granted_by uuid references people(id),
    revoked_at timestamptz,
    revoked_by uuid references people(id)
  )`,
  `create unique index role_grants_active on role_grants(person_id, role) where revoked_at is null`,
  `create table certificates (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    person_id uuid not null references people(id),
    number text not null unique,
    fields jsonb not null,
    issuer text not null,
    valid_from date not null,
    valid_to date not null,
    exam_date date,
    status text not null check (status in ('valid','suspended','revoked')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (valid_to >= valid_from)
  )`,
  `create index certificates_person on certificates(agency_id, person_id)`,
  `create table certificate_events (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    certificate_id uuid not null references certificates(id),
    action text not null check (action in ('issued','edited','suspended','reinstated','revoked')),
    effective_on date not null,
    reason text not null,
    changes jsonb not null,
    actor_id uuid references people(id),
    at timestamptz not null
  )`,
  `create index certificate_events_cert on certificate_events(certificate_id, at)`,
  `create table sessions (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    account_id uuid not null references accounts(id),
    token_hash text not null unique,
    csrf_token text not null,
    stage text not null check (stage in ('full','totp_enrolment')),
    ip text,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    ended_at timestamptz
  )`,
  `create table api_tokens (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    account_id uuid not null references accounts(id),
    name text not null,
    token_hash text not null unique,
    scopes jsonb not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz,
    revoked_at timestamptz
  )`,
  `create table audit_events (
    seq bigserial primary key,
    id uuid not null unique,
    kind text not null,
    at timestamptz not null,
    agency_id uuid references agencies(id),
    actor_id uuid references people(id),
    via text not null,
    ip text,
    subject_type text not null,
    subject_id uuid,
    changes jsonb not null,
    digest text not null
  )`,
  `create index audit_events_agency on audit_events(agency_id, seq)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
