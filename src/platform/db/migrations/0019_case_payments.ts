import { sql, type Kysely } from 'kysely';

/**
 * Payment and execution of fines (issue 13 item 9; src/cases/payment.rules.ts):
 *
 * - `case_payments`: each payment recorded — at the bank or through the electronic payment system with the
 *   receipt's reference (行政处罚法 §67; 国务院令第235号 §3), or collected on the spot on a ground of §68/§69
 *   with the special receipt's number (§70). A fact: never changed, never deleted.
 * - `case_payment_plans`: a party's application for deferral or instalments and the head's decision on it
 *   (§66 ¶2). The application is never changed; the decision is written once, then the row is frozen.
 * - `case_cash_handovers`: cash collected on the spot handed to the agency, and by it to the bank (§71).
 *
 * Nothing here drops or changes existing data.
 */
const statements = [
  `create table case_payments (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    case_id uuid not null references cases(id),
    event_id uuid not null references case_events(id),
    method text not null check (method in ('bank','electronic','on_the_spot')),
    paid_on date not null,
    amount_fen bigint not null check (amount_fen > 0),
    fine_fen bigint not null check (fine_fen >= 0),
    surcharge_fen bigint not null check (surcharge_fen >= 0),
    instalment integer check (instalment >= 1),
    bank_receipt_ref text,
    receipt_number text,
    ground text check (ground in ('small_amount','hard_to_execute','remote_area')),
    party_requested boolean not null default false,
    landed_on date,
    recorded_by uuid references people(id),
    recorded_at timestamptz not null,
    check (amount_fen >= fine_fen + surcharge_fen),
    check (method <> 'on_the_spot' or (ground is not null and receipt_number is not null))
  )`,
  `create index case_payments_case on case_payments(case_id, paid_on)`,
  `create table case_payment_plans (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    case_id uuid not null references cases(id),
    kind text not null check (kind in ('deferral','instalments')),
    applied_on date not null,
    application text not null,
    until date,
    instalments jsonb not null default '[]',
    original_due_on date not null,
    applied_event_id uuid not null references case_events(id),
    decided_on date,
    approved boolean,
    decision_reason text,
    decided_by uuid references people(id),
    decided_event_id uuid references case_events(id),
    last_day date,
    check (kind <> 'deferral' or until is not null),
    check ((decided_on is null) = (approved is null)),
    check ((decided_on is null) = (decided_event_id is null))
  )`,
  `create index case_payment_plans_case on case_payment_plans(case_id, applied_on)`,
  // One undecided application at a time.
  `create unique index case_payment_plans_pending on case_payment_plans(case_id) where decided_on is null`,
  `create table case_cash_handovers (
    id uuid primary key,
    agency_id uuid not null references agencies(id),
    case_id uuid not null references cases(id),
    payment_id uuid not null references case_payments(id),
    event_id uuid not null references case_events(id),
    stage text not null check (stage in ('to_agency','to_bank')),
    handed_on date not null,
    due_on date not null,
    late boolean not null,
    late_reason text,
    reference text,
    recorded_by uuid references people(id),
    recorded_at timestamptz not null,
    unique (payment_id, stage),
    check (not late or late_reason is not null)
  )`,
  ...['case_payments', 'case_cash_handovers'].map(
    (table) => `create trigger ${table}_frozen before update or delete on ${table}
      for each row execute function record_log_frozen()`,
  ),
  // A plan's application never changes; its decision is written once, then nothing changes.
  `create function case_payment_plans_decided_once() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' or old.decided_on is not null
       or (new.id, new.agency_id, new.case_id, new.kind, new.applied_on, new.application, new.until,
           new.instalments, new.original_due_on, new.applied_event_id)
          is distinct from
          (old.id, old.agency_id, old.case_id, old.kind, old.applied_on, old.application, old.until,
           old.instalments, old.original_due_on, old.applied_event_id) then
      raise exception 'a payment plan application is never changed, and its decision written once'
        using errcode = 'integrity_constraint_violation';
    end if;
    return new;
  end $$`,
  `create trigger case_payment_plans_decided_once before update or delete on case_payment_plans
    for each row execute function case_payment_plans_decided_once()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
