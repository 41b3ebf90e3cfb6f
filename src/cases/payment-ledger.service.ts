import { ownAgency } from '../platform/db/agency-scope.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { latestDeadlineOf } from './case-deadlines.store.ts';
import type { CaseRow, Reader } from './cases.store.ts';
import { amountDue, type AmountDue, type ApprovedPlan } from './payment.rules.ts';
import { paymentsOf, plansOf } from './payment.store.ts';

/** What a fined case owes (行政处罚法 §66–§72): the ledger every payment command and the payment panel read. */

/** The approved plan of the case as the ledger needs it (payment.rules.ts `ApprovedPlan`). */
export function approvedPlanOf(plans: readonly Row<'case_payment_plans'>[]): ApprovedPlan | null {
  const plan = plans.find((p) => p.approved === true);
  if (!plan) return null;
  if (plan.kind === 'deferral') {
    return { kind: 'deferral', appliedOn: plan.applied_on, lastDay: plan.last_day ?? plan.until ?? '' };
  }
  return {
    kind: 'instalments',
    instalments: plan.instalments.map((i) => ({ amountFen: i.amountFen, lastDay: i.lastDay ?? i.dueOn })),
  };
}

/** What the case owes on `asOf`, from its payments, its plans and the first last day of its payment period. */
export async function ledgerOf(
  db: Reader,
  kase: CaseRow,
  asOf: string,
): Promise<{ due: AmountDue; period: Row<'case_deadlines'>; plans: Row<'case_payment_plans'>[] }> {
  const scope = ownAgency(kase.agency_id);
  // The `payment` period of the case: opened on service, its first last day the 15 days of §67.
  const period = await latestDeadlineOf(db, scope, kase.id, 'payment');
  if (!period || !(kase.amount_fen && kase.amount_fen > 0)) {
    throw new AppError('CASE_STEP_NOT_ALLOWED', { detail: `案件 ${kase.case_number} 没有须缴纳的罚款` });
  }
  const plans = await plansOf(db, scope, kase.id);
  const payments = await paymentsOf(db, scope, kase.id);
  const due = amountDue(
    {
      fineFen: kase.amount_fen,
      // The 15 days of §67 as first counted: a deferral moves the period's last day, not this one.
      originalDueOn: plans[0]?.original_due_on ?? period.due_on,
      paidFineFen: payments.reduce((sum, p) => sum + p.fine_fen, 0),
      instalmentsPaid: payments.filter((p) => p.instalment !== null).length,
      plan: approvedPlanOf(plans),
    },
    asOf,
  );
  return { due, period, plans };
}
