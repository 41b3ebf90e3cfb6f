import { sql, type Kysely } from 'kysely';

/**
 * Correct to the statute (issue 13 items 7, 11, 14, 15; legal audit E7, E11, E14, row 44). Nothing is
 * dropped but two check constraints of case_parties, replaced by wider ones; no row is rewritten (the
 * record log commits to the rows as they were written, and `sanxiang verify` compares them column by column).
 *
 * - `cases.suspension_kind`: the type of the running suspension (testing, hearing, public notice, other),
 *   so each period excludes only the time the law names (行政强制法 §25 ¶3; 程序规定 §18, §64). A suspension
 *   in `cases.suspensions` written before has no `kind` and reads as `other` (src/cases/excluded-time.rules.ts).
 * - `case_parties`: the 个体工商户 (`individual_business`, 民法典 §54) with its credit code, its operator
 *   (经营者, a natural person: `operator_name`, and `id_number` for the operator's ID).
 * - `case_deadlines.ended_reason`: a period that ended because the case left the procedure (移送司法机关、
 *   终止调查、移送管辖), neither met in time nor late.
 * - `recusal_applications`: the party's application for an officer's recusal (行政处罚法 §43 ¶2, ¶3), entered
 *   from the party's written application and decided by the agency's head.
 */
const statements = [
  `alter table cases add column suspension_kind text
    check (suspension_kind in ('testing','hearing','public_notice','other'))`,
  `alter table cases add constraint cases_suspension_kind_running
    check (suspension_kind is null or suspended_since is not null)`,
  `alter table case_parties add column operator_name text`,
  // The three checks of 0007 on party_type, by whatever name PostgreSQL gave them.
  `do $$
  declare c record;
  begin
    for c in select conname from pg_constraint
      where conrelid = 'case_parties'::regclass and contype = 'c'
        and pg_get_constraintdef(oid) like '%party_type%'
    loop
      execute format('alter table case_parties drop constraint %I', c.conname);
    end loop;
  end $$`,
  `alter table case_parties add constraint case_parties_type
    check (party_type in ('person','individual_business','organisation'))`,
  `alter table case_parties add constraint case_parties_id_number_of_natural_person
    check (party_type in ('person','individual_business') or id_number is null)`,
  `alter table case_parties add constraint case_parties_credit_code_of_registered
    check (party_type in ('organisation','individual_business') or credit_code is null)`,
  `alter table case_parties add constraint case_parties_legal_representative_of_organisation
    check (party_type = 'organisation' or legal_representative is null)`,
  `alter table case_parties add constraint case_parties_operator_of_individual_business
    check (party_type = 'individual_business' or operator_name is null)`,
  `alter table case_deadlines add column ended_reason text`,
  `alter table case_deadlines add constraint case_deadlines_ended_met
    check (ended_reason is null or met_on is not null)`,
  `create table recusal_applications (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    case_id uuid not null references cases(id),
    person_id uuid not null references people(id),
    applicant text not null,
    grounds text not null,
    received_on date not null,
    entered_by uuid references people(id),
    entered_at timestamptz not null,
    decided_at timestamptz,
    decided_by uuid references people(id),
    granted boolean,
    decision_reason text,
    check ((decided_at is null) = (granted is null)),
    check ((decided_at is null) = (decision_reason is null))
  )`,
  `create index recusal_applications_case on recusal_applications(case_id)`,
  // One undecided application per officer at a time.
  `create unique index recusal_applications_pending on recusal_applications(case_id, person_id)
    where decided_at is null`,
  `create trigger recusal_applications_never_deleted before delete on recusal_applications
    for each row execute function cases_never_deleted()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
