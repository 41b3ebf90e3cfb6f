import { sql, type Kysely } from 'kysely';

/**
 * The gate's backstops (re)created from the lists the code uses (issue 11 item 5): the text below is what
 * src/review/backstops.store.ts generated when this migration was written, from the decision document types
 * (src/review/decision-documents.rules.ts) and the statuses of a passed review (src/review/review.rules.ts).
 * Migration 0016 named the decision document types by hand and checked the review of the two ordinary
 * decisions only: a summary decision of a case marked major (by the cases area, or by the major reasons its
 * review recorded) was numbered without its review. test/review/backstops.test.ts checks that a fresh
 * database has what the generator gives now; a change of the lists comes with a migration of its own.
 */
const statements = [
  `create or replace function review_passed_or_decided(case_ref text) returns boolean language plpgsql stable as $$
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
  `create or replace function decision_document_needs_review() returns trigger language plpgsql as $$
  begin
    if new.type in ('penalty_decision','no_penalty_decision','summary_penalty_decision') then
      if new.subject_type <> 'case'
         or new.subject_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
         or not exists (select 1 from cases where id = new.subject_id::uuid and agency_id = new.agency_id) then
        raise exception 'CASE_NOT_OWN: a decision document names a case of its own agency (行政处罚法 §58)'
          using errcode = 'check_violation';
      end if;
      if new.type in ('penalty_decision','no_penalty_decision') and not review_passed_or_decided(new.subject_id) then
        raise exception 'REVIEW_REQUIRED: a decision document of case % is numbered only after its review passed (行政处罚法 §58)',
          new.subject_id using errcode = 'check_violation';
      end if;
      if new.type in ('summary_penalty_decision')
         and (exists (select 1 from cases where id = new.subject_id::uuid and agency_id = new.agency_id and major)
              or exists (select 1 from reviews where case_id = new.subject_id::uuid and agency_id = new.agency_id
                         and major_reasons <> '[]'::jsonb))
         and not review_passed_or_decided(new.subject_id) then
        raise exception 'REVIEW_REQUIRED: a decision document of case % marked major is numbered only after its review passed (行政处罚法 §58)',
          new.subject_id using errcode = 'check_violation';
      end if;
    end if;
    return new;
  end $$`,
  `create or replace function publication_needs_review() returns trigger language plpgsql as $$
  begin
    if new.case_id is not null then
      if not exists (select 1 from cases where id = new.case_id and agency_id = new.agency_id) then
        raise exception 'CASE_NOT_OWN: a publication of a case names a case of its own agency'
          using errcode = 'check_violation';
      end if;
      if not review_passed_or_decided(new.case_id::text) then
        raise exception 'REVIEW_REQUIRED: case % has no decision nor passed review to publish (行政处罚法 §58)',
          new.case_id using errcode = 'check_violation';
      end if;
    end if;
    return new;
  end $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
