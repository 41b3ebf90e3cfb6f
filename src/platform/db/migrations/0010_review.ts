import { sql, type Kysely } from 'kysely';

/**
 * Legal review (issue 6): the review catalogue's versions with the county's approval, reviews with their
 * package, pre-checks, findings, invited advisers and collective deliberations, reviewers' qualifications
 * and training (S-11), and every refused attempt to make a decision without a passed review (S-14).
 *
 * Nothing is deleted (DESIGN.md principle 5). A catalogue version's rules never change once written (only
 * its approval is added, once); a review's package, digest and pre-checks are fixed at submission, and only
 * its progress columns move; findings, participants, deliberations, qualifications, trainings and refusals
 * are facts, written once.
 */
const statements = [
  `create table review_catalogues (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    version integer not null check (version >= 1),
    rules jsonb not null,
    period jsonb not null,
    effective_from date not null,
    reason text not null,
    drafted_by uuid references people(id),
    drafted_at timestamptz not null,
    approved_by_body text,
    approval_reference text,
    approved_on date,
    approval_recorded_by uuid references people(id),
    approval_recorded_at timestamptz,
    unique (agency_id, version),
    check ((approved_on is null) = (approved_by_body is null)
      and (approved_on is null) = (approval_reference is null)
      and (approved_on is null) = (approval_recorded_at is null))
  )`,
  `create index review_catalogues_approved on review_catalogues(agency_id, effective_from)
    where approved_on is not null`,
  `create function review_catalogue_approved_once() returns trigger language plpgsql as $$
  declare
    approval constant text[] := array['approved_by_body','approval_reference','approved_on',
      'approval_recorded_by','approval_recorded_at'];
  begin
    if tg_op = 'DELETE' then
      raise exception 'review catalogue versions are never deleted' using errcode = 'integrity_constraint_violation';
    end if;
    if old.approved_on is not null or (to_jsonb(new) - approval) <> (to_jsonb(old) - approval) then
      raise exception 'a review catalogue version only gains its approval, once'
        using errcode = 'integrity_constraint_violation';
    end if;
    return new;
  end $$`,
  `create trigger review_catalogues_frozen before update or delete on review_catalogues
    for each row execute function review_catalogue_approved_once()`,
  `create table reviews (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    case_id uuid not null references cases(id),
    round integer not null check (round >= 1),
    previous_id uuid references reviews(id),
    status text not null check (status in ('submitted','in_review','approved','approved_with_changes',
      'returned','disapproved','deliberation','void')),
    catalogue_id uuid references review_catalogues(id),
    major_reasons jsonb not null,
    proposal jsonb not null,
    package jsonb not null,
    digest char(64) not null check (digest ~ '^[0-9a-f]{64}$'),
    prechecks jsonb not null,
    diff jsonb,
    submitted_by uuid references people(id),
    submitted_at timestamptz not null,
    submitted_on date not null,
    due_on date not null,
    due_warnings jsonb not null,
    extended boolean not null default false,
    extension_reason text,
    reviewer_id uuid references people(id),
    assigned_by uuid references people(id),
    assigned_at timestamptz,
    result text check (result in ('approve','approve_with_changes','return','disapprove')),
    opinion text,
    decided_at timestamptz,
    decided_on date,
    opinion_document_id uuid references issued_documents(id),
    disagreement text,
    disagreed_by uuid references people(id),
    disagreed_at timestamptz,
    voided_at timestamptz,
    void_reason text,
    updated_at timestamptz not null,
    unique (case_id, round)
  )`,
  // One running review per case: a second submission fails on the constraint, not on a racy read.
  `create unique index reviews_open on reviews(case_id) where status in ('submitted','in_review','deliberation')`,
  `create index reviews_agency_status on reviews(agency_id, status, due_on)`,
  `create index reviews_reviewer on reviews(reviewer_id, status) where reviewer_id is not null`,
  `create function review_package_fixed() returns trigger language plpgsql as $$
  declare
    fixed constant text[] := array['id','agency_id','case_id','round','previous_id','catalogue_id',
      'major_reasons','proposal','package','digest','prechecks','diff','submitted_by','submitted_at','submitted_on'];
    k text;
  begin
    if tg_op = 'DELETE' then
      raise exception 'reviews are never deleted' using errcode = 'integrity_constraint_violation';
    end if;
    foreach k in array fixed loop
      if (to_jsonb(new) -> k) is distinct from (to_jsonb(old) -> k) then
        raise exception 'a review''s package is fixed at submission (%)', k
          using errcode = 'integrity_constraint_violation';
      end if;
    end loop;
    return new;
  end $$`,
  `create trigger reviews_package_fixed before update or delete on reviews
    for each row execute function review_package_fixed()`,
  `create table review_findings (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    review_id uuid not null references reviews(id),
    point text not null,
    finding text not null check (finding in ('satisfied','problem','not_applicable')),
    note text not null,
    recorded_by uuid references people(id),
    recorded_at timestamptz not null,
    unique (review_id, point)
  )`,
  `create table review_participants (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    review_id uuid not null references reviews(id),
    role text not null check (role in ('legal_adviser','public_lawyer')),
    person_id uuid references people(id),
    name text not null,
    organisation text not null,
    opinion text,
    invited_by uuid references people(id),
    invited_at timestamptz not null
  )`,
  `create index review_participants_review on review_participants(review_id)`,
  `create table review_deliberations (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    review_id uuid not null references reviews(id),
    held_on date not null,
    chair text not null,
    attendees jsonb not null,
    disagreement text not null,
    discussion text not null,
    conclusion text not null check (conclusion in ('approve','approve_with_changes','return','disapprove')),
    recorded_by uuid references people(id),
    recorded_at timestamptz not null
  )`,
  `create index review_deliberations_review on review_deliberations(review_id)`,
  `create table reviewer_qualifications (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    person_id uuid not null references people(id),
    kind text not null check (kind in ('legal_professional','lawyer','other')),
    certificate_number text not null,
    obtained_on date not null,
    recorded_by uuid references people(id),
    recorded_at timestamptz not null,
    unique (person_id, kind, certificate_number)
  )`,
  `create table reviewer_trainings (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    person_id uuid not null references people(id),
    title text not null,
    organiser text not null,
    held_on date not null,
    hours integer not null check (hours between 1 and 1000),
    recorded_by uuid references people(id),
    recorded_at timestamptz not null
  )`,
  `create index reviewer_trainings_person on reviewer_trainings(person_id, held_on)`,
  `create table review_refusals (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    case_id uuid not null references cases(id),
    review_id uuid references reviews(id),
    channel text not null,
    reason text not null check (reason in ('no_review','review_open','review_failed','review_void')),
    actor_id uuid references people(id),
    at timestamptz not null
  )`,
  `create index review_refusals_agency on review_refusals(agency_id, at)`,
  ...[
    'review_findings',
    'review_participants',
    'review_deliberations',
    'reviewer_qualifications',
    'reviewer_trainings',
    'review_refusals',
  ].map(
    (table) => `create trigger ${table}_frozen before update or delete on ${table}
      for each row execute function record_log_frozen()`,
  ),
  // The gate's backstop in the database (S-14): whatever path writes them, a case's decision document is
  // numbered, and a publication of a case drafted, only once the case's decision has been made (through
  // the gate, src/review/gate.service.ts) or its review has passed. The services check first and answer
  // 409 REVIEW_REQUIRED with the refusal recorded; these triggers hold when something else tries.
  `create function review_passed_or_decided(case_ref text) returns boolean language plpgsql stable as $$
  declare
    cid uuid;
  begin
    -- Subjects that are not cases (or not known here) are none of the gate's business.
    if case_ref !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      return true;
    end if;
    cid := case_ref::uuid;
    if not exists (select 1 from cases where id = cid) then
      return true;
    end if;
    return exists (select 1 from cases where id = cid and decided_on is not null)
      or exists (select 1 from reviews where case_id = cid and status in ('approved','approved_with_changes'));
  end $$`,
  `create function decision_document_needs_review() returns trigger language plpgsql as $$
  begin
    if new.subject_type = 'case' and new.type in ('penalty_decision','no_penalty_decision')
       and not review_passed_or_decided(new.subject_id) then
      raise exception 'REVIEW_REQUIRED: a decision document of case % is numbered only after its review passed (行政处罚法 §58)',
        new.subject_id using errcode = 'check_violation';
    end if;
    return new;
  end $$`,
  `create trigger issued_documents_need_review before insert on issued_documents
    for each row execute function decision_document_needs_review()`,
  `create function publication_needs_review() returns trigger language plpgsql as $$
  begin
    if new.case_id is not null and not review_passed_or_decided(new.case_id::text) then
      raise exception 'REVIEW_REQUIRED: case % has no decision nor passed review to publish (行政处罚法 §58)',
        new.case_id using errcode = 'check_violation';
    end if;
    return new;
  end $$`,
  `create trigger publications_need_review before insert on publications
    for each row execute function publication_needs_review()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
