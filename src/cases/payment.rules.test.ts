import { describe, expect, it } from 'vitest';
import { bundledCalendar as cal } from '../platform/calendar/chinese-days.data.ts';
import {
  amountDue,
  cashDepositDue,
  cashHandoverDue,
  collectionProblems,
  courtApplicationDue,
  courtApplicationProblems,
  courtApplicationStart,
  deferralExclusion,
  paymentDemandDue,
  paymentPlanProblems,
  planEndsOn,
  remedyPeriodEnds,
  type CollectionFacts,
} from './payment.rules.ts';

const bank: CollectionFacts = {
  procedure: 'ordinary',
  method: 'bank',
  fineFen: 500_000,
  bankReceiptRef: 'ICBC-20261105-0001',
  ground: null,
  receiptNumber: null,
  partyRequested: false,
};
const spot = (extra: Partial<CollectionFacts>): CollectionFacts => ({
  ...bank,
  procedure: 'summary',
  method: 'on_the_spot',
  bankReceiptRef: null,
  fineFen: 5_000,
  ground: 'small_amount',
  receiptNumber: '湘财罚 No.00012345',
  ...extra,
});
const paths = (f: CollectionFacts) => collectionProblems(f).map((p) => p.path);

describe('行政处罚法 §67, 国务院令第235号 §3: the deciding agency does not collect; the party pays at the bank', () => {
  it('records a bank or electronic payment by its receipt reference', () => {
    expect(collectionProblems(bank)).toEqual([]);
    expect(collectionProblems({ ...bank, method: 'electronic' })).toEqual([]);
  });

  it('refuses a bank payment without the receipt reference, citing §67', () => {
    const problems = collectionProblems({ ...bank, bankReceiptRef: ' ' });
    expect(problems.map((p) => p.path)).toEqual(['body.bankReceiptRef']);
    expect(problems[0]?.message).toContain('§67');
  });

  it('refuses collection on the spot without a ground of §68 or §69', () => {
    expect(paths(spot({ ground: null }))).toEqual(['body.ground']);
  });
});

describe('行政处罚法 §68: on the spot only for a summary decision of ≤ 100 yuan, or where later execution would be hard', () => {
  it('allows 100 yuan in the summary procedure', () => {
    expect(collectionProblems(spot({ fineFen: 10_000 }))).toEqual([]);
  });

  it('refuses 150 yuan as a small amount, citing §68(一)', () => {
    const problems = collectionProblems(spot({ fineFen: 15_000 }));
    expect(problems.map((p) => p.path)).toEqual(['body.ground']);
    expect(problems[0]?.message).toContain('§68（一）');
  });

  it('refuses a small amount or hard execution in the ordinary procedure', () => {
    expect(paths(spot({ procedure: 'ordinary', fineFen: 5_000 }))).toEqual(['body.ground']);
    expect(paths(spot({ procedure: 'ordinary', ground: 'hard_to_execute', fineFen: 15_000 }))).toEqual([
      'body.ground',
    ]);
  });

  it('allows 150 yuan in the summary procedure where it would be hard to execute later', () => {
    expect(collectionProblems(spot({ ground: 'hard_to_execute', fineFen: 15_000 }))).toEqual([]);
  });
});

describe('行政处罚法 §69: in remote, water-borne or ill-connected areas, on the spot at the party’s request', () => {
  it('allows it after an ordinary decision (§57) too, when the party asks', () => {
    const remote = spot({
      procedure: 'ordinary',
      ground: 'remote_area',
      fineFen: 500_000,
      partyRequested: true,
    });
    expect(collectionProblems(remote)).toEqual([]);
  });

  it('refuses it when the party did not ask', () => {
    expect(paths(spot({ ground: 'remote_area', partyRequested: false }))).toEqual(['body.partyRequested']);
  });
});

describe('行政处罚法 §70: cash collected on the spot against the finance department’s special receipt', () => {
  it('refuses collection without the receipt number', () => {
    const problems = collectionProblems(spot({ receiptNumber: null }));
    expect(problems.map((p) => p.path)).toEqual(['body.receiptNumber']);
    expect(problems[0]?.message).toContain('§70');
  });
});

describe('行政处罚法 §71, §85: cash to the agency within 2 working days, and to the bank within 2 more', () => {
  it('counts working days over National Day 2026', () => {
    // Collected Wed 30 Sep: 1–7 Oct are holidays, so Thu 8 and Fri 9 Oct are the two working days.
    expect(cashHandoverDue(cal, '2026-09-30').date).toBe('2026-10-09');
  });

  it('counts from landing for cash collected on water, and the bank’s 2 days from the hand-over', () => {
    expect(cashHandoverDue(cal, '2026-11-06').date).toBe('2026-11-10'); // Fri → Tue
    expect(cashDepositDue(cal, '2026-11-10').date).toBe('2026-11-12');
  });
});

describe('行政处罚法 §66 ¶2: deferral or instalments on the party’s application and the agency’s approval', () => {
  const facts = { appliedOn: '2026-03-10', paymentDueOn: '2026-03-20', outstandingFen: 100_000 };

  it('moves the last day only forward', () => {
    expect(paymentPlanProblems({ kind: 'deferral', until: '2026-04-20' }, facts)).toEqual([]);
    expect(paymentPlanProblems({ kind: 'deferral', until: '2026-03-20' }, facts)[0]?.path).toBe('body.until');
  });

  it('splits the whole unpaid fine into dated instalments, in order', () => {
    const ok = [
      { dueOn: '2026-03-20', amountFen: 50_000 },
      { dueOn: '2026-04-20', amountFen: 50_000 },
    ];
    expect(paymentPlanProblems({ kind: 'instalments', instalments: ok }, facts)).toEqual([]);
    const wrong = [
      { dueOn: '2026-04-20', amountFen: 50_000 },
      { dueOn: '2026-04-01', amountFen: 40_000 },
    ];
    expect(
      paymentPlanProblems({ kind: 'instalments', instalments: wrong }, facts).map((p) => p.path),
    ).toEqual(['body.instalments.1.dueOn', 'body.instalments']);
  });

  it('excludes from the surcharge the days of the approved deferral, from the day after the old last day', () => {
    expect(deferralExclusion('2026-03-20', '2026-03-10', '2026-04-20')).toEqual({
      from: '2026-03-21',
      to: '2026-04-20',
    });
    // Applied when already late: the days before the application have accrued.
    expect(deferralExclusion('2026-03-20', '2026-03-25', '2026-04-20')).toEqual({
      from: '2026-03-25',
      to: '2026-04-20',
    });
  });
});

describe('行政处罚法 §72: 3 % a day after the last day, capped at the fine; none during an approved deferral', () => {
  const base = { fineFen: 100_000, originalDueOn: '2026-03-20', paidFineFen: 0, instalmentsPaid: 0 };

  it('caps the surcharge of 36 days late at the fine', () => {
    expect(amountDue({ ...base, plan: null }, '2026-04-25')).toMatchObject({
      surchargeFen: 100_000,
      totalFen: 200_000,
      lastDay: '2026-03-20',
    });
  });

  it('charges only the 5 days after an approved deferral ended (§66 ¶2)', () => {
    const plan = { kind: 'deferral', appliedOn: '2026-03-10', lastDay: '2026-04-20' } as const;
    expect(amountDue({ ...base, plan }, '2026-04-20')).toMatchObject({ surchargeFen: 0, totalFen: 100_000 });
    expect(amountDue({ ...base, plan }, '2026-04-25')).toMatchObject({
      surchargeFen: 15_000,
      lastDay: '2026-04-20',
    });
  });

  it('charges a missed instalment only, on its own amount', () => {
    const plan = {
      kind: 'instalments',
      instalments: [
        { amountFen: 50_000, lastDay: '2026-03-20' },
        { amountFen: 50_000, lastDay: '2026-04-20' },
      ],
    } as const;
    expect(amountDue({ ...base, plan }, '2026-03-20')).toMatchObject({
      instalment: 1,
      fineDueFen: 50_000,
      surchargeFen: 0,
    });
    expect(amountDue({ ...base, paidFineFen: 50_000, instalmentsPaid: 1, plan }, '2026-04-22')).toMatchObject(
      {
        instalment: 2,
        fineDueFen: 50_000,
        surchargeFen: 3_000,
        outstandingFen: 50_000,
      },
    );
    expect(planEndsOn(plan)).toBe('2026-04-20');
  });

  it('owes nothing once the fine is paid', () => {
    expect(amountDue({ ...base, paidFineFen: 100_000, plan: null }, '2026-05-01')).toMatchObject({
      outstandingFen: 0,
      totalFen: 0,
    });
  });
});

describe('行政强制法 §54, §69: the demand gives 10 working days from its service', () => {
  it('ends 10 working days after the demand is served', () => {
    expect(paymentDemandDue(cal, '2026-11-02').date).toBe('2026-11-16');
  });
});

describe('行政强制法 §53: the court application within 3 months of the end of the party’s period to sue', () => {
  it('ends the party’s period 6 months after service (行政诉讼法 §46), a holiday last day moved on', () => {
    // Served Sun 5 Apr 2026 + 6 months = Mon 5 Oct, inside National Day: the period ends Thu 8 Oct.
    expect(remedyPeriodEnds(cal, '2026-04-05').date).toBe('2026-10-08');
  });

  it('starts the 3 months at the end of an approved deferral or instalments if later (行政处罚法 §72 ¶2)', () => {
    expect(courtApplicationStart('2026-05-11', null)).toBe('2026-05-11');
    expect(courtApplicationStart('2026-05-11', '2026-06-30')).toBe('2026-06-30');
    expect(courtApplicationStart('2026-05-11', '2026-04-30')).toBe('2026-05-11');
  });

  it('ends 3 months on', () => {
    expect(courtApplicationDue(cal, '2026-05-11').date).toBe('2026-08-11');
  });

  it('is refused before the demand’s 10 days or the party’s period have ended, or without the confirmation', () => {
    const ok = {
      on: '2026-05-12',
      demandDueOn: '2026-04-20',
      windowStartsOn: '2026-05-11',
      noRemedySought: true,
    };
    expect(courtApplicationProblems(ok)).toEqual([]);
    expect(courtApplicationProblems({ ...ok, on: '2026-05-11' })[0]?.message).toContain('§53');
    expect(courtApplicationProblems({ ...ok, demandDueOn: null })[0]?.message).toContain('§54');
    expect(courtApplicationProblems({ ...ok, demandDueOn: '2026-05-12' })[0]?.message).toContain('§54');
    expect(courtApplicationProblems({ ...ok, noRemedySought: false }).map((p) => p.path)).toEqual([
      'body.noRemedySought',
    ]);
  });
});
