import { sql, type Kysely } from 'kysely';

/**
 * The gate's backstop in the database, tightened (issue 10 item 3; the security sweep's H1 and H2): a
 * decision document names a case of its own agency — not free text, not an unknown id, not another
 * agency's case — and a publication drafted of a case names a case of its own agency. Migration 0010's
 * triggers let any subject that was not a known case through. The services refuse first, with 404 and
 * the attempt recorded (src/review/gate.service.ts `requireOwnDecisionCase`); these hold when something
 * else tries.
 */
const statements = [
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
