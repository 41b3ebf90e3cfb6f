import type { CommandDeps } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { latestDeadlineOf } from './case-deadlines.store.ts';
import { readableCase } from './case-detail.queries.ts';
import { eventsOfSteps } from './cases.store.ts';
import { ledgerOf } from './payment-ledger.service.ts';
import { courtResults, onTheSpotGrounds, paymentMethods, type AmountDue } from './payment.rules.ts';
import { handoversOf, paymentsOf, plansOf } from './payment.store.ts';

/**
 * The payment panel of a case (`GET /api/v1/cases/{id}/payment`): what is owed today (the fine, or the next
 * instalment, with the surcharge so far), the payments with their hand-overs, the applications for
 * deferral or instalments with their decisions, the demand and the court application.
 */
export interface PaymentView {
  caseId: string;
  fineFen: number;
  paidFen: number;
  surchargePaidFen: number;
  /** Null where nothing is owed or nothing was fined. */
  due: (AmountDue & { asOf: string; overdue: boolean }) | null;
  payments: {
    id: string;
    method: string;
    methodLabel: string;
    paidOn: string;
    amountFen: number;
    fineFen: number;
    surchargeFen: number;
    instalment: number | null;
    bankReceiptRef: string | null;
    receiptNumber: string | null;
    ground: string | null;
    groundLabel: string | null;
    landedOn: string | null;
    handovers: {
      stage: 'to_agency' | 'to_bank';
      handedOn: string;
      dueOn: string;
      late: boolean;
      reference: string | null;
    }[];
  }[];
  plans: {
    id: string;
    kind: 'deferral' | 'instalments';
    appliedOn: string;
    application: string;
    until: string | null;
    instalments: { dueOn: string; amountFen: number; lastDay?: string }[];
    originalDueOn: string;
    status: 'pending' | 'approved' | 'refused';
    decidedOn: string | null;
    decisionReason: string | null;
    lastDay: string | null;
  }[];
  execution: {
    step: string;
    on: string;
    details: Record<string, unknown>;
    lateReason: string | null;
    resultLabel: string | null;
  }[];
}

export async function paymentView(deps: CommandDeps, principal: Principal, id: string): Promise<PaymentView> {
  const kase = await readableCase(deps, principal, id);
  const today = chinaDate(deps.clock.now());
  const db = deps.db;
  // The case's own agency: its payments are read there, whoever reads them.
  const scope = ownAgency(kase.agency_id);
  const [payments, handovers, plans, events] = await Promise.all([
    paymentsOf(db, scope, id),
    handoversOf(db, scope, id),
    plansOf(db, scope, id),
    eventsOfSteps(db, scope, id, ['demand_payment', 'apply_court_enforcement', 'record_court_result']),
  ]);
  const fined = kase.action_kind === 'penalty' && (kase.amount_fen ?? 0) > 0;
  const hasPeriod = fined ? await latestDeadlineOf(db, scope, id, 'payment') : undefined;
  let due: PaymentView['due'] = null;
  if (hasPeriod) {
    const ledger = await ledgerOf(db, kase, today);
    if (ledger.due.outstandingFen > 0)
      due = { ...ledger.due, asOf: today, overdue: today > ledger.due.lastDay };
  }
  return {
    caseId: id,
    fineFen: fined ? (kase.amount_fen ?? 0) : 0,
    paidFen: kase.paid_fen,
    surchargePaidFen: kase.surcharge_fen,
    due,
    payments: payments.map((p) => ({
      id: p.id,
      method: p.method,
      methodLabel: paymentMethods[p.method],
      paidOn: p.paid_on,
      amountFen: p.amount_fen,
      fineFen: p.fine_fen,
      surchargeFen: p.surcharge_fen,
      instalment: p.instalment,
      bankReceiptRef: p.bank_receipt_ref,
      receiptNumber: p.receipt_number,
      ground: p.ground,
      groundLabel: p.ground ? onTheSpotGrounds[p.ground] : null,
      landedOn: p.landed_on,
      handovers: handovers
        .filter((h) => h.payment_id === p.id)
        .map((h) => ({
          stage: h.stage,
          handedOn: h.handed_on,
          dueOn: h.due_on,
          late: h.late,
          reference: h.reference,
        })),
    })),
    plans: plans.map((p) => ({
      id: p.id,
      kind: p.kind,
      appliedOn: p.applied_on,
      application: p.application,
      until: p.until,
      instalments: p.instalments,
      originalDueOn: p.original_due_on,
      status: p.approved === null ? 'pending' : p.approved ? 'approved' : 'refused',
      decidedOn: p.decided_on,
      decisionReason: p.decision_reason,
      lastDay: p.last_day,
    })),
    execution: events.map((e) => {
      const result = typeof e.details.result === 'string' ? e.details.result : null;
      return {
        step: e.step ?? '',
        on: e.on_date,
        details: e.details,
        lateReason: e.late_reason,
        resultLabel:
          result && result in courtResults ? courtResults[result as keyof typeof courtResults] : null,
      };
    }),
  };
}
