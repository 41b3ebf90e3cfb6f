import type { CommandContext } from '../platform/audit/command.ts';
import { inScope, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { NewRow, Row } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import type { CaseRow, Reader } from './cases.store.ts';

/**
 * The payment of fines (行政处罚法 §66–§72): payments, the applications for deferral or instalments, the
 * hand-overs of cash collected on the spot. Every statement is scoped by the case's agency; each row
 * written is recorded.
 */

export type PaymentRow = Row<'case_payments'>;
export type PlanRow = Row<'case_payment_plans'>;
export type HandoverRow = Row<'case_cash_handovers'>;

type CaseKey = Pick<CaseRow, 'id' | 'agency_id'>;

/** The case's payments, in the order they were paid. */
export async function paymentsOf(db: Reader, scope: AgencyScope, caseId: string): Promise<PaymentRow[]> {
  return db
    .selectFrom('case_payments')
    .selectAll()
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .orderBy('paid_on')
    .orderBy('recorded_at')
    .execute();
}

/** The case's applications for deferral or instalments, in the order they were made. */
export async function plansOf(db: Reader, scope: AgencyScope, caseId: string): Promise<PlanRow[]> {
  return db
    .selectFrom('case_payment_plans')
    .selectAll()
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .orderBy('applied_on')
    .orderBy('id')
    .execute();
}

/** The case's hand-overs of cash, by the day handed. */
export async function handoversOf(db: Reader, scope: AgencyScope, caseId: string): Promise<HandoverRow[]> {
  return db
    .selectFrom('case_cash_handovers')
    .selectAll()
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .orderBy('handed_on')
    .execute();
}

/** The case's payment with this id, if any. */
export async function paymentOf(
  db: Reader,
  kase: CaseKey,
  paymentId: string,
): Promise<PaymentRow | undefined> {
  return db
    .selectFrom('case_payments')
    .selectAll()
    .where('id', '=', paymentId)
    .where('case_id', '=', kase.id)
    .where('agency_id', '=', kase.agency_id)
    .executeTakeFirst();
}

/** The hand-overs of one payment. */
export async function handoversOfPayment(db: Reader, payment: PaymentRow): Promise<HandoverRow[]> {
  return db
    .selectFrom('case_cash_handovers')
    .selectAll()
    .where('payment_id', '=', payment.id)
    .where('agency_id', '=', payment.agency_id)
    .execute();
}

/** The case's application with this id, if any. */
export async function planOf(db: Reader, kase: CaseKey, planId: string): Promise<PlanRow | undefined> {
  return db
    .selectFrom('case_payment_plans')
    .selectAll()
    .where('id', '=', planId)
    .where('case_id', '=', kase.id)
    .where('agency_id', '=', kase.agency_id)
    .executeTakeFirst();
}

type CaseColumns = 'id' | 'agency_id' | 'case_id';

/** Records a payment of the case. */
export async function insertPayment(
  ctx: CommandContext,
  kase: CaseRow,
  values: Omit<NewRow<'case_payments'>, CaseColumns>,
): Promise<PaymentRow> {
  const row = await ctx.trx
    .insertInto('case_payments')
    .values({ id: newId(), agency_id: kase.agency_id, case_id: kase.id, ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.payment_recorded',
    agencyId: kase.agency_id,
    subjectType: 'case_payment',
    subjectId: row.id,
    record: row,
  });
  return row;
}

/** Records the party's application for deferral or instalments. */
export async function insertPlan(
  ctx: CommandContext,
  kase: CaseRow,
  values: Omit<NewRow<'case_payment_plans'>, CaseColumns>,
): Promise<PlanRow> {
  const row = await ctx.trx
    .insertInto('case_payment_plans')
    .values({ id: newId(), agency_id: kase.agency_id, case_id: kase.id, ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.payment_plan_applied',
    agencyId: kase.agency_id,
    subjectType: 'case_payment_plan',
    subjectId: row.id,
    record: row,
  });
  return row;
}

/** Writes the head's decision on an application and records it. */
export async function writePlanDecision(
  ctx: CommandContext,
  plan: PlanRow,
  decision: Pick<
    PlanRow,
    'decided_on' | 'approved' | 'decision_reason' | 'decided_by' | 'decided_event_id' | 'last_day'
  >,
): Promise<PlanRow> {
  const row = await ctx.trx
    .updateTable('case_payment_plans')
    .set(decision)
    .where('id', '=', plan.id)
    .where('agency_id', '=', plan.agency_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.payment_plan_decided',
    agencyId: row.agency_id,
    subjectType: 'case_payment_plan',
    subjectId: row.id,
    record: row,
    changes: ['decided_on', 'approved', 'decision_reason', 'decided_by', 'decided_event_id', 'last_day'],
  });
  return row;
}

/** Records a hand-over of cash collected on the spot. */
export async function insertHandover(
  ctx: CommandContext,
  kase: CaseRow,
  values: Omit<NewRow<'case_cash_handovers'>, CaseColumns>,
): Promise<HandoverRow> {
  const row = await ctx.trx
    .insertInto('case_cash_handovers')
    .values({ id: newId(), agency_id: kase.agency_id, case_id: kase.id, ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.cash_handed_over',
    agencyId: kase.agency_id,
    subjectType: 'case_cash_handover',
    subjectId: row.id,
    record: row,
  });
  return row;
}
